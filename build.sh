#!/usr/bin/env bash
# Starts the build. Uses the .NET SDK that global.json pins (installed into .nuke/temp when missing) and compiles
# the build only when its sources changed since the last compile; otherwise the compiled build starts at once.
set -eo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/_build.dll"
STAMP="$TEMP/build.stamp"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Anything that changes what the build compiles to; bin, obj and the generated IDE profiles do not.
changed_since_stamp() {
    find "$ROOT/build" "$ROOT/src/Keel" "$ROOT/global.json" "$ROOT/Directory.Build.props" \
        \( -name bin -o -name obj -o -path "$ROOT/build/Properties" \) -prune \
        -o -newer "$STAMP" -print -quit 2>/dev/null
}

# Fast path: the stamp names the dotnet that compiled the build, and nothing changed since.
if [[ -f "$STAMP" && -f "$BUILD_DLL" ]]; then
    read -r DOTNET < "$STAMP" || true
    if [[ -x "$DOTNET" && -z "$(changed_since_stamp)" ]]; then
        export DOTNET_EXE="$DOTNET"
        exec "$DOTNET" "$BUILD_DLL" "$@"
    fi
fi

sdk_version() {
    sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/global.json" | head -n 1
}

# The SDK global.json asks for: the installed one when it can satisfy global.json, else a private copy.
resolve_dotnet() {
    local installed
    installed="$(command -v dotnet || true)"
    if [[ -n "$installed" ]] && (cd "$ROOT" && "$installed" --version >/dev/null 2>&1); then
        echo "$installed"
        return
    fi
    local private="$TEMP/dotnet-unix/dotnet"
    if [[ ! -x "$private" ]] || ! (cd "$ROOT" && "$private" --version >/dev/null 2>&1); then
        local version
        version="$(sdk_version)"
        echo "Installing .NET SDK $version into .nuke/temp/dotnet-unix ..." >&2
        mkdir -p "$TEMP"
        if ! curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$TEMP/dotnet-install.sh"; then
            echo "Could not download dotnet-install.sh; install .NET SDK $version yourself (https://dot.net) and run again." >&2
            exit 1
        fi
        bash "$TEMP/dotnet-install.sh" --install-dir "$TEMP/dotnet-unix" --version "$version" --no-path >&2
    fi
    echo "$private"
}

DOTNET="$(resolve_dotnet)"
mkdir -p "$TEMP"
# The stamp gets its time before compiling, so a source saved during the compile still counts as changed.
printf '%s\n' "$DOTNET" > "$STAMP.new"
if ! "$DOTNET" build "$BUILD_PROJECT" --nologo --verbosity quiet -clp:NoSummary; then
    rm -f "$STAMP.new"
    echo "The build project did not compile; fix the errors above and run again." >&2
    exit 1
fi
mv -f "$STAMP.new" "$STAMP"

export DOTNET_EXE="$DOTNET"
exec "$DOTNET" "$BUILD_DLL" "$@"
