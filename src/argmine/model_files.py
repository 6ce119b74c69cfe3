"""Saving and loading argmine's scikit-learn models with skops, in one place.

skops never unpickles arbitrary objects: a file may only contain the types a caller trusts,
and anything else is refused with :class:`~argmine.errors.CorruptModelError` before loading.
Writes are atomic (a temporary file next to the target, then a rename), so an interrupted
training run never leaves half a model where the old one was.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import TypeVar

from argmine.errors import CorruptModelError, ModelNotFoundError
from argmine.files import atomic_file

Model = TypeVar("Model")


def save_skops(model: object, path: Path | str) -> Path:
    """Write ``model`` compressed with skops, atomically, with the usual file permissions."""
    import skops.io

    target = Path(path)
    with atomic_file(target) as temporary:
        skops.io.dump(model, temporary, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return target


def load_skops(
    path: Path | str,
    *,
    kind: type[Model],
    trusted: Collection[str],
    fitted_attribute: str,
    what: str,
    hint: str = "",
) -> Model:
    """Load a ``kind`` instance written by :func:`save_skops`, trusting only ``trusted`` types.

    ``what`` names the model in messages ("structure model"), ``hint`` says how to make one.
    Raises :class:`ModelNotFoundError` for a missing file and :class:`CorruptModelError` for
    a file that is unreadable, holds other types, or is not a fitted ``kind``.
    """
    import skops.io

    source = Path(path)
    if not source.is_file():
        raise ModelNotFoundError(f"no {what} at {source}{f' ({hint})' if hint else ''}")
    try:
        untrusted = skops.io.get_untrusted_types(file=source)
    except Exception as error:  # zipfile.BadZipFile, KeyError, JSONDecodeError, ...
        raise CorruptModelError(f"{source}: not a readable skops model ({error})") from None
    unexpected = sorted(set(untrusted) - set(trusted))
    if unexpected:
        raise CorruptModelError(
            f"{source}: refusing to load types outside the trusted set: {', '.join(unexpected)}"
        )
    try:
        model = skops.io.load(source, trusted=list(untrusted))
    except Exception as error:  # skops raises TypeError, ValueError, KeyError, BadZipFile, ...
        raise CorruptModelError(f"{source}: cannot load the model ({error})") from None
    if not isinstance(model, kind) or not hasattr(model, fitted_attribute):
        raise CorruptModelError(
            f"{source}: holds a {type(model).__name__}, not a fitted {kind.__name__}"
        )
    return model
