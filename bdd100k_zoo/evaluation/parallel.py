"""Mapping a function over items in a process pool, with an optional progress bar."""
from multiprocessing import Pool
from typing import Callable, List, Sequence, TypeVar

from tqdm import tqdm

Item = TypeVar('Item')
Out = TypeVar('Out')


def parallel_map(func: Callable[[Item], Out], items: Sequence[Item], nproc: int = 1,
                 progress: bool = False, desc: str = '') -> List[Out]:
    """``[func(item) for item in items]``, in ``nproc`` processes if ``nproc > 1``.

    Args:
        func: a picklable function (module level, or a ``functools.partial`` of one).
        items: the inputs, in order (results keep it).
        nproc: number of processes; 1 runs in this process.
        progress: show a tqdm progress bar on stderr.
        desc: the progress bar's label.
    """
    bar = dict(total=len(items), desc=desc, disable=not progress, leave=False)
    if nproc <= 1 or len(items) <= 1:
        return [func(item) for item in tqdm(items, **bar)]
    chunksize = max(1, len(items) // (8 * nproc))
    with Pool(min(nproc, len(items))) as pool:
        return list(tqdm(pool.imap(func, items, chunksize=chunksize), **bar))
