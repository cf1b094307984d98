"""The detectors.  Every module here registers its detectors with the registry on import."""
