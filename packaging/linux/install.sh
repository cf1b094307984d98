#!/usr/bin/env bash
# Install the unpacked bundle for the current user: ~/.local/opt/aideon, a launcher in
# ~/.local/bin, the desktop entry and icons.  Run ./install.sh --uninstall to remove them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/aideon"
bin="$HOME/.local/bin"
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$opt" "$bin/aideon" "$prefix/applications/aideon-desktop.desktop"
    find "$prefix/icons/hicolor" -name 'aideon-desktop.*' -delete 2>/dev/null || true
    echo "Aideon removed (your settings and history are kept)."
    exit 0
fi
mkdir -p "$opt" "$bin" "$prefix/applications"
cp -a "$here/." "$opt/"
ln -sf "$opt/aideon" "$bin/aideon"
cp "$here/share/aideon-desktop.desktop" "$prefix/applications/"
cp -a "$here/share/icons/." "$prefix/icons/"
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "Aideon installed: run 'aideon' or find it in your applications menu."
