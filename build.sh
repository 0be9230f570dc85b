#!/usr/bin/env bash
# Starts the build. Uses the .NET SDK that global.json pins (installed into .nuke/temp when missing) and compiles
# the build only when its sources changed since the last compile; otherwise the compiled build starts at once.
set -eo pipefail

# The real path (pwd -P): dotnet resolves symbolic links itself, and a clone opened through a link must compile into,
# stamp and start the same files as the clone itself.
# Bash built-ins rather than dirname, cat and stat where they do the same, and no subshell that is not needed: a warm
# start runs one program (find) before the build.
SCRIPT="${BASH_SOURCE[0]}"
[[ "$SCRIPT" == */* ]] && SCRIPT_DIR="${SCRIPT%/*}" || SCRIPT_DIR=.
CDPATH='' cd -P "${SCRIPT_DIR:-/}"
ROOT="$PWD"
cd "$OLDPWD" 2>/dev/null || true
TEMP="$ROOT/.nuke/temp"
BUILD_PROJECT="$ROOT/build/_build.csproj"
BUILD_DLL="$ROOT/build/bin/_build.dll"
STAMP="$TEMP/build.stamp"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The files the build is compiled from: the build project, the engine's projects when the repository holds their
# source (src/Keel*), and the files that steer every compile. bin, obj and the generated IDE profiles are not among them.
sources() {
    local paths=() path
    for path in "$ROOT/build" "$ROOT"/src/Keel "$ROOT"/src/Keel.* "$ROOT/global.json" "$ROOT/Directory.Build.props" \
        "$ROOT/Directory.Build.targets" "$ROOT/Directory.Packages.props" "$ROOT/nuget.config" "$ROOT/NuGet.Config"; do
        [[ -e "$path" ]] && paths+=("$path")
    done
    find "${paths[@]}" \( -name bin -o -name obj -o -path "$ROOT/build/Properties" \) -prune -o -type f "$@" 2>/dev/null
}

# Sets LISTING to each source with its modification time in whole seconds, "path seconds", one a line, in the order
# find walks the folders (build.ps1 lists the same lines). GNU find prints it itself; where find has no -printf (BSD,
# busybox) it refuses before listing anything, and stat lists instead, GNU's or BSD's. A variable rather than output:
# no subshell to start.
listing() {
    if ! LISTING="$(sources -printf '%p %Ts\n')" && [[ -z "$LISTING" ]]; then
        if stat -c %Y "$ROOT" >/dev/null 2>&1; then
            LISTING="$(sources -exec stat -c '%n %Y' {} +)"
        else
            LISTING="$(sources -exec stat -f '%N %m' {} +)"
        fi
    fi
}

# The stamp holds the dotnet that compiled the build and the listing of its sources at that time. The build is
# current while the listing holds the same lines: no source was added, removed or saved since (a time in the future
# included). The walk of an unchanged tree repeats its order, so the lines are sorted only when the order differs (a
# stamp build.ps1 wrote, or a folder whose entries moved).
run_if_current() {
    [[ -f "$STAMP" && -f "$BUILD_DLL" ]] || return 0
    local dotnet stamped
    { read -r dotnet; read -r -d '' stamped || true; } < "$STAMP"
    [[ -x "$dotnet" ]] || return 0
    listing
    if [[ "$LISTING" == "$stamped" ]] || [[ "$(LC_ALL=C sort <<< "$LISTING")" == "$(LC_ALL=C sort <<< "$stamped")" ]]; then
        exec 9>&-   # the compile lock, when held, is not the build's to keep
        export DOTNET_EXE="$dotnet"
        exec "$dotnet" "$BUILD_DLL" "$@"
    fi
}

run_if_current "$@"

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

if ! mkdir -p "$TEMP" 2>/dev/null || ! : > "$TEMP/build.lock" 2>/dev/null; then
    echo "The build cannot write to $TEMP; make it writable (or free space on its disk) and run again." >&2
    exit 1
fi
# One compile at a time in a clone: a second run waits for the first, then uses what it compiled.
exec 9> "$TEMP/build.lock"
if command -v flock >/dev/null 2>&1 && ! flock -n 9; then
    echo "Another run in this clone is compiling the build; waiting for it ..." >&2
    flock 9
    run_if_current "$@"
fi

DOTNET="$(resolve_dotnet)"
# The listing is taken before compiling; a source saved during the compile is caught below by its time.
NEW_STAMP="$STAMP.$$"
listing
if ! { printf '%s\n' "$DOTNET" && if [[ -n "$LISTING" ]]; then printf '%s\n' "$LISTING"; fi; } > "$NEW_STAMP" 2>/dev/null; then
    rm -f "$NEW_STAMP"
    echo "The build cannot write its stamp to $TEMP: free space on its disk (or make the folder writable) and run again." >&2
    exit 1
fi
echo "Compiling the build ..." >&2
# The compile does not inherit the lock: a compiler server it starts outlives it and would hold the lock for good,
# leaving the next run that needs a compile waiting.
if ! "$DOTNET" build "$BUILD_PROJECT" --nologo --verbosity quiet > "$TEMP/compile.log" 2>&1 9>&-; then
    rm -f "$NEW_STAMP"
    cat "$TEMP/compile.log" >&2
    echo "The build project did not compile; fix the errors above and run again." >&2
    exit 1
fi
# A source saved during the compile (newer than the listing, yet not in the future) leaves no stamp: the next run compiles again.
: > "$TEMP/build.compiled"
if [[ -z "$(sources -newer "$NEW_STAMP" ! -newer "$TEMP/build.compiled" -print -quit)" ]]; then
    mv -f "$NEW_STAMP" "$STAMP"
else
    rm -f "$NEW_STAMP" "$STAMP"
fi
exec 9>&-

export DOTNET_EXE="$DOTNET"
exec "$DOTNET" "$BUILD_DLL" "$@"
