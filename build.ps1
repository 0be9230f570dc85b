#!/usr/bin/env pwsh
# Starts the build from PowerShell, as build.sh does: the SDK global.json asks for (installed into .nuke/temp when
# missing), and a compile of the build only when its sources changed since the last compile; otherwise the compiled
# build starts at once. build.sh and build.ps1 keep the same stamp, so either sees what the other compiled.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The real path, symbolic links resolved (as build.sh's pwd -P): dotnet resolves them itself, and a clone opened
# through a link must compile into, stamp and start the same files as the clone itself.
function Resolve-RealPath([string] $Path) {
    $resolved = [IO.Path]::GetPathRoot($Path)
    foreach ($part in $Path.Substring($resolved.Length).Split([char[]] @('/', '\'), [StringSplitOptions]::RemoveEmptyEntries)) {
        $resolved = Join-Path $resolved $part
        $target = [IO.Directory]::ResolveLinkTarget($resolved, $true)
        if ($target) { $resolved = Resolve-RealPath $target.FullName }
    }
    return $resolved
}

$Root = Resolve-RealPath $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/_build.dll'
$Stamp = Join-Path $Temp 'build.stamp'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

# The files the build is compiled from: the build project, the engine's projects when the repository holds their
# source (src/Keel*), and the files that steer every compile. bin, obj and the IDE profiles are left out.
function Get-BuildSources {
    $paths = @(Join-Path $Root 'build')
    $src = Join-Path $Root 'src'
    if (Test-Path $src -PathType Container) {
        $paths += @(Get-ChildItem -Path $src -Directory | Where-Object { $_.Name -eq 'Keel' -or $_.Name -like 'Keel.*' } | ForEach-Object { $_.FullName })
    }
    $paths += @('global.json', 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'nuget.config', 'NuGet.Config' | ForEach-Object { Join-Path $Root $_ })
    $properties = Join-Path $Root 'build/Properties'
    $files = [System.Collections.Generic.List[System.IO.FileInfo]]::new()
    foreach ($path in $paths) {
        if (Test-Path $path -PathType Leaf) {
            $files.Add((Get-Item -LiteralPath $path -Force))
        }
        elseif (Test-Path $path -PathType Container) {
            foreach ($file in Get-ChildItem -Path $path -Recurse -File -Force) {
                $relative = $file.FullName.Substring($path.Length)
                if ($relative -match '[\\/](bin|obj)[\\/]' -or $file.FullName.StartsWith($properties)) { continue }
                $files.Add($file)
            }
        }
    }
    return $files
}

# Each source with its modification time in whole seconds, "path seconds", one a line in byte order: what build.sh lists.
function Get-BuildListing {
    $lines = @(Get-BuildSources | ForEach-Object { "$($_.FullName) $([DateTimeOffset]::new($_.LastWriteTimeUtc).ToUnixTimeSeconds())" })
    [Array]::Sort($lines, [StringComparer]::Ordinal)
    return $lines
}

# Runs the compiled build when it is current: the stamp names a dotnet that still exists, and the listing of the
# sources is the one it holds: no source was added, removed or saved since (a time in the future included).
function Invoke-IfCurrent([string[]] $Arguments) {
    if (-not (Test-Path $Stamp) -or -not (Test-Path $BuildDll)) { return }
    $lines = @(Get-Content -LiteralPath $Stamp)
    if ($lines.Count -lt 1) { return }
    $dotnet = $lines[0]
    if (-not (Test-Path $dotnet)) { return }
    # build.sh keeps the lines in the order find walked the folders: compared as sets, sorted alike.
    [string[]] $stamped = @($lines | Select-Object -Skip 1)
    [Array]::Sort($stamped, [StringComparer]::Ordinal)
    if (($stamped -join "`n") -ne (@(Get-BuildListing) -join "`n")) { return }
    $env:DOTNET_EXE = $dotnet
    & $dotnet $BuildDll @Arguments
    exit $LASTEXITCODE
}

Invoke-IfCurrent $args

function Get-SdkVersion {
    (Get-Content -Raw (Join-Path $Root 'global.json') | ConvertFrom-Json).sdk.version
}

# The SDK global.json asks for: the installed one when it can satisfy global.json, else a private copy.
function Resolve-DotNet {
    $installed = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($installed) {
        Push-Location $Root
        try {
            & $installed.Source --version *> $null
            if ($LASTEXITCODE -eq 0) { return $installed.Source }
        }
        finally { Pop-Location }
    }
    $folder = if ($IsWindows) { 'dotnet-win' } else { 'dotnet-unix' }
    $private = Join-Path $Temp "$folder/$(if ($IsWindows) { 'dotnet.exe' } else { 'dotnet' })"
    if (-not (Test-Path $private)) {
        $version = Get-SdkVersion
        Write-Host "Installing .NET SDK $version into .nuke/temp/$folder ..."
        New-Item -ItemType Directory -Force -Path $Temp | Out-Null
        $installer = Join-Path $Temp 'dotnet-install.ps1'
        try {
            Invoke-WebRequest -UseBasicParsing 'https://dot.net/v1/dotnet-install.ps1' -OutFile $installer
        }
        catch {
            Write-Error "Could not download dotnet-install.ps1; install .NET SDK $version yourself (https://dot.net) and run again."
            exit 1
        }
        & $installer -InstallDir (Join-Path $Temp $folder) -Version $version -NoPath
    }
    return $private
}

try {
    New-Item -ItemType Directory -Force -Path $Temp | Out-Null
}
catch {
    Write-Host "The build cannot write to $Temp; make it writable (or free space on its disk) and run again."
    exit 1
}

$dotnet = Resolve-DotNet
# The listing is taken before compiling; a source saved during the compile is caught below by its time.
$newStamp = "$Stamp.$PID"
try {
    Set-Content -LiteralPath $newStamp -Value (@($dotnet) + @(Get-BuildListing))
}
catch {
    Remove-Item -LiteralPath $newStamp -ErrorAction SilentlyContinue
    [Console]::Error.WriteLine("The build cannot write its stamp to ${Temp}: free space on its disk (or make the folder writable) and run again.")
    exit 1
}
$listed = (Get-Item -LiteralPath $newStamp).LastWriteTimeUtc
[Console]::Error.WriteLine('Compiling the build ...')
$compileLog = Join-Path $Temp 'compile.log'
& $dotnet build $BuildProject --nologo --verbosity quiet *> $compileLog
if ($LASTEXITCODE -ne 0) {
    Remove-Item -LiteralPath $newStamp -ErrorAction SilentlyContinue
    [Console]::Error.WriteLine((Get-Content -Raw $compileLog))
    [Console]::Error.WriteLine('The build project did not compile; fix the errors above and run again.')
    exit 1
}
# A source saved during the compile (newer than the listing, yet not in the future) leaves no stamp: the next run compiles again.
$compiled = [DateTime]::UtcNow
if (@(Get-BuildSources | Where-Object { $_.LastWriteTimeUtc -gt $listed -and $_.LastWriteTimeUtc -le $compiled }).Count -eq 0) {
    Move-Item -LiteralPath $newStamp -Destination $Stamp -Force
}
else {
    Remove-Item -LiteralPath $newStamp, $Stamp -ErrorAction SilentlyContinue
}
$env:DOTNET_EXE = $dotnet
& $dotnet $BuildDll @args
exit $LASTEXITCODE
