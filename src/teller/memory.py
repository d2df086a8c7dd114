"""Process-level memory tuning for the command line (never called by the library itself).

The vectorised readers allocate and free arrays of a few megabytes for every block of a ballot
file. By default glibc hands freed memory of that size back to the kernel, so the next block
page-faults it in again; on this project's benchmark machine those faults were about a fifth of
the wall time of reading a 1,000,000-ballot BLT file (docs/performance.md). Asking the allocator
to keep freed memory for reuse removes most of them. Peak memory is unchanged: memory is reused,
not added.
"""

from __future__ import annotations

import sys

M_TRIM_THRESHOLD = -1
"""glibc ``mallopt`` parameter: free heap memory above this is returned to the kernel."""
M_MMAP_THRESHOLD = -3
"""glibc ``mallopt`` parameter: allocations above this get their own mapping."""
MMAP_THRESHOLD_MAX = 32 * 1024 * 1024
"""The largest value glibc accepts for :data:`M_MMAP_THRESHOLD` on 64-bit systems."""
KEEP_BYTES = 1 << 30


def keep_freed_memory() -> bool:
    """Ask the C allocator to reuse freed memory rather than return it; True if it agreed.

    Does nothing (returns False) off Linux or on a C library without glibc's ``mallopt``.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # Setting either threshold also turns off glibc's own adjustment of both.
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX)) and bool(
        mallopt(M_TRIM_THRESHOLD, KEEP_BYTES)
    )
