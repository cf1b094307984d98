#!/usr/bin/env bash
# Build the one-folder bundle (dist/aideon) and a tarball with an install script, from a clean
# checkout.  Usage: packaging/build.sh   (needs: uv, and the build tools llama-cpp-python needs)
set -euo pipefail
cd "$(dirname "$0")/.."
uv sync --frozen
rm -rf build dist
uv run pyinstaller --noconfirm --clean --log-level WARN build.spec

# Icons at the usual sizes, from the source SVG (Qt renders it; no extra tools needed).
mkdir -p dist/aideon/share/icons
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "dist/aideon/share/icons/hicolor/${size}x${size}/apps"
done
QT_QPA_PLATFORM=offscreen uv run python packaging/render_icons.py resources/icons/aideon.svg dist/aideon/share/icons/hicolor
mkdir -p dist/aideon/share/icons/hicolor/scalable/apps
cp resources/icons/aideon.svg dist/aideon/share/icons/hicolor/scalable/apps/aideon-desktop.svg
cp packaging/linux/aideon-desktop.desktop packaging/linux/aideon-desktop-autostart.desktop dist/aideon/share/
cp packaging/linux/install.sh dist/aideon/install.sh
chmod +x dist/aideon/install.sh

version="$(uv run python -c 'import aideon_desktop; print(aideon_desktop.__version__)')"
tar -C dist -czf "dist/aideon-desktop-${version}-linux-$(uname -m).tar.gz" aideon
du -sh dist/aideon "dist/aideon-desktop-${version}-linux-$(uname -m).tar.gz"
