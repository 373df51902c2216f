"""How the kit's server starts unless told otherwise (read by `kit serve` without importing Voilà)."""

PORT = 8866
LAN_POOL = 4  # preheated kernels per notebook with --lan: 40 attendees on one notebook within a minute (README)
LOCAL_POOL = 0  # one person on localhost: a kernel starts when the page is opened, none waits idle
# A kernel nobody has been connected to for this long is shut down (a tab closed without Voilà's beacon,
# a phone put away for good); a kernel whose page is open is never culled, however long the pause.
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60
# Measured: the memory a served kernel adds once its notebook has run; 02 loads pandas, 01 and 03 do not.
# Ordinary kernels: their RSS. Kernels forked from the warm parent share its pages: their PSS, 37-41 MB in
# benchmarks/bench_room.py with 100 kernels (README), rounded up.
KERNEL_MB = {"02-": 115, "": 70}  # notebook name prefix → MB; "" for any other notebook
FORKED_KERNEL_MB = {"02-": 45, "": 40}


def kernel_mb(notebook: str, forked: bool = False) -> int:
    """About how much memory one served kernel of this notebook holds."""
    name = notebook.rsplit("/", 1)[-1]
    sizes = FORKED_KERNEL_MB if forked else KERNEL_MB
    return next(mb for prefix, mb in sizes.items() if name.startswith(prefix))


def pool_memory_mb(pools: dict[str, int], forked: bool = False) -> int:
    """About how much memory full pools hold."""
    return sum(size * kernel_mb(path, forked) for path, size in pools.items())
