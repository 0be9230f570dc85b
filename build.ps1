#!/usr/bin/env pwsh
# Starts the build from PowerShell, as build.sh does: the SDK global.json asks for (installed into .nuke/temp when
# missing), and a compile of the build only when its sources changed since the last compile; otherwise the compiled
# build starts at once. build.sh and build.ps1 keep the same stamp, so either sees what the other compiled.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Root 'build/bin/_build.dll'
$Stamp = Join-Path $Temp 'build.stamp'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

# The files the build is compiled from, in byte order: the build project, the engine's projects when the repository
# holds their source (src/Keel*), and the files that steer every compile. bin, obj and the IDE profiles are left out.
function Get-BuildSources {
    $paths = @(Join-Path $Root 'build')
    $src = Join-Path $Root 'src'
    if (Test-Path $src -PathType Container) {
        $paths += @(Get-ChildItem -Path $src -Directory | Where-Object { $_.Name -eq 'Keel' -or $_.Name -like 'Keel.*' } | ForEach-Object { $_.FullName })
    }
    $paths += @('global.json', 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'nuget.config', 'NuGet.Config' | ForEach-Object { Join-Path $Root $_ })
    $properties = Join-Path $Root 'build/Properties'
    $files = [System.Collections.Generic.List[string]]::new()
    foreach ($path in $paths) {
        if (Test-Path $path -PathType Leaf) {
            $files.Add($path)
        }
        elseif (Test-Path $path -PathType Container) {
            foreach ($file in Get-ChildItem -Path $path -Recurse -File -Force) {
                $relative = $file.FullName.Substring($path.Length)
                if ($relative -match '[\\/](bin|obj)[\\/]' -or $file.FullName.StartsWith($properties)) { continue }
                $files.Add($file.FullName)
            }
        }
    }
    $sorted = $files.ToArray()
    [Array]::Sort($sorted, [StringComparer]::Ordinal)
    return $sorted
}

# Runs the compiled build when it is current: the stamp names a dotnet that still exists, no source is newer than
# the stamp, and none was added or removed since.
function Invoke-IfCurrent([string[]] $Arguments) {
    if (-not (Test-Path $Stamp) -or -not (Test-Path $BuildDll)) { return }
    $lines = @(Get-Content -LiteralPath $Stamp)
    if ($lines.Count -lt 1) { return }
    $dotnet = $lines[0]
    if (-not (Test-Path $dotnet)) { return }
    $stampTime = (Get-Item -LiteralPath $Stamp).LastWriteTimeUtc
    $sources = @(Get-BuildSources)
    foreach ($source in $sources) {
        if ((Get-Item -LiteralPath $source -Force).LastWriteTimeUtc -gt $stampTime) { return }
    }
    if ((@($lines | Select-Object -Skip 1) -join "`n") -ne ($sources -join "`n")) { return }
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
# The stamp gets its time before compiling, so a source saved during the compile still counts as changed.
$newStamp = "$Stamp.$PID"
Set-Content -LiteralPath $newStamp -Value (@($dotnet) + @(Get-BuildSources))
[Console]::Error.WriteLine('Compiling the build ...')
$compileLog = Join-Path $Temp 'compile.log'
& $dotnet build $BuildProject --nologo --verbosity quiet *> $compileLog
if ($LASTEXITCODE -ne 0) {
    Remove-Item -LiteralPath $newStamp -ErrorAction SilentlyContinue
    [Console]::Error.WriteLine((Get-Content -Raw $compileLog))
    [Console]::Error.WriteLine('The build project did not compile; fix the errors above and run again.')
    exit 1
}
Move-Item -LiteralPath $newStamp -Destination $Stamp -Force
$env:DOTNET_EXE = $dotnet
& $dotnet $BuildDll @args
exit $LASTEXITCODE
