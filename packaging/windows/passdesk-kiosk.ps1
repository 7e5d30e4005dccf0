# Passdesk kiosk watchdog for Windows: started at the kiosk user's logon by the scheduled task
# packaging/windows/PassdeskKiosk.xml, it runs the kiosk and starts it again whenever it exits (a crash, a kill),
# waiting a little longer after each quick failure (at most 60 s). A Windows service (NSSM, sc.exe) cannot do this
# job: services run in session 0, which has no desktop, so the kiosk window would never show.
param(
  [string]$Exe = "$env:ProgramFiles\Passdesk\Passdesk.exe"
)
$ErrorActionPreference = 'Continue'
$log = Join-Path $env:LOCALAPPDATA 'Passdesk\watchdog.log'
New-Item -ItemType Directory -Force -Path (Split-Path $log) | Out-Null
$delay = 3
while ($true) {
  $started = Get-Date
  Add-Content $log "$(Get-Date -Format o) starting $Exe"
  $p = Start-Process -FilePath $Exe -PassThru -Wait
  $ran = (Get-Date) - $started
  Add-Content $log "$(Get-Date -Format o) exited with $($p.ExitCode) after $([int]$ran.TotalSeconds) s"
  # ran for a while: a crash, restart soon; failed at once again and again: back off up to a minute
  if ($ran.TotalSeconds -gt 60) { $delay = 3 } else { $delay = [Math]::Min($delay * 2, 60) }
  Start-Sleep -Seconds $delay
}
