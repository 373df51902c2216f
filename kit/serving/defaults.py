"""How the kit's server starts unless told otherwise (read by `kit serve` without importing Voilà)."""

PORT = 8866
LAN_POOL = 4  # preheated kernels per notebook with --lan: 40 attendees on one notebook within a minute (README)
LOCAL_POOL = 0  # one person on localhost: a kernel starts when the page is opened, none waits idle
# A kernel nobody has been connected to for this long is shut down (a tab closed without Voilà's beacon,
# a phone put away for good); a kernel whose page is open is never culled, however long the pause.
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60
# Measured: RSS of a served kernel after running its notebook; 02 loads pandas, 01 and 03 do not.
KERNEL_MB = {"02-": 115, "": 70}  # notebook name prefix → MB; "" for any other notebook


def kernel_mb(notebook: str) -> int:
    """About how much memory one served kernel of this notebook holds."""
    name = notebook.rsplit("/", 1)[-1]
    return next(mb for prefix, mb in KERNEL_MB.items() if name.startswith(prefix))


def pool_memory_mb(pools: dict[str, int]) -> int:
    """About how much memory full pools hold."""
    return sum(size * kernel_mb(path) for path, size in pools.items())
