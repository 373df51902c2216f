"""How the kit's server starts unless told otherwise (read by `kit serve` without importing Voilà)."""

PORT = 8866
LAN_POOL = 4  # preheated kernels per notebook with --lan: 40 attendees on one notebook within a minute (README)
LOCAL_POOL = 0  # one person on localhost: a kernel starts when the page is opened, none waits idle
# A kernel nobody has been connected to for this long is shut down (a tab closed without Voilà's beacon,
# a phone put away for good); a kernel whose page is open is never culled, however long the pause.
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60
