:; set -eo pipefail
:; SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
:; "${SCRIPT_DIR}/build.sh" "$@"
:; exit $?

@ECHO OFF
REM Windows: the same bootstrap as build.sh, without its up-to-date check: the build is compiled on every run.
SETLOCAL
SET DOTNET_CLI_TELEMETRY_OPTOUT=1
SET DOTNET_NOLOGO=1
SET DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
SET ROOT=%~dp0
SET DOTNET=dotnet
PUSHD "%ROOT%"
dotnet --version >NUL 2>&1
IF ERRORLEVEL 1 (
  IF NOT EXIST "%ROOT%.nuke\temp\dotnet-win\dotnet.exe" (
    ECHO Installing the .NET SDK from global.json into .nuke\temp\dotnet-win ...
    powershell -NoProfile -ExecutionPolicy Bypass -Command "&([scriptblock]::Create((Invoke-WebRequest -UseBasicParsing https://dot.net/v1/dotnet-install.ps1))) -JsonFile %ROOT%global.json -InstallDir %ROOT%.nuke\temp\dotnet-win -NoPath"
  )
  SET DOTNET=%ROOT%.nuke\temp\dotnet-win\dotnet.exe
)
POPD
SET DOTNET_EXE=%DOTNET%
"%DOTNET%" build "%ROOT%build\_build.csproj" --nologo --verbosity quiet -clp:NoSummary || EXIT /B 1
"%DOTNET%" "%ROOT%build\bin\_build.dll" %*
EXIT /B %ERRORLEVEL%
