"""Figures the chapters share: rows of digit images, and loss curves."""

import matplotlib.pyplot as plt
import numpy as np


def as_images(images, side=28):
    """(n, side*side), (n, side, side) or (n, side, side, 1) -> (n, side, side)."""
    images = np.asarray(images)
    if images.ndim == 2 and images.shape[1] == side * side:
        return images.reshape(-1, side, side)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim == 3 and images.shape[1:] == (side, side):
        return images
    raise ValueError(
        f"expected images of shape (n, {side * side}), (n, {side}, {side}) or (n, {side}, {side}, 1), "
        f"got {images.shape}"
    )


def show_image_rows(rows, n=10, titles=None, size=1.2):
    """Draw one row of ``n`` grey images per entry of ``rows`` and show the figure.

    ``rows``: dict ``{row label: images}``, images in any shape ``as_images`` accepts, with
    values in [0, 1] (uint8 0..255 also works); the first ``n`` of each are drawn, black = 0.
    ``titles``: optional ``n`` strings written above the first row (labels, for instance).
    ``size``: inches per image.
    """
    if not rows:
        raise ValueError("rows is empty: pass {'row label': images, ...}")
    grids = {label: as_images(images) for label, images in rows.items()}
    for label, images in grids.items():
        if len(images) < n:
            raise ValueError(f"row {label!r} has {len(images)} images, fewer than n={n}")
    vmax = 255 if any(images.dtype == np.uint8 for images in grids.values()) else 1.0
    fig, axes = plt.subplots(len(grids), n, figsize=(n * size, len(grids) * size + 0.2), squeeze=False)
    for row_index, (row, (label, images)) in enumerate(zip(axes, grids.items())):
        for column, (ax, image) in enumerate(zip(row, images[:n])):
            ax.imshow(image, cmap="gray", vmin=0, vmax=vmax)
            ax.set_xticks([])
            ax.set_yticks([])
            if titles is not None and row_index == 0:
                ax.set_title(str(titles[column]), fontsize=9)
        row[0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize=10)
    fig.tight_layout()
    plt.show()


def plot_losses(histories, reference=None, ylim=None):
    """Plot training (dashed) and validation (solid) loss per epoch for one or more fits.

    ``histories``: dict ``{name: keras History or its .history dict}``. ``reference``:
    optional ``{label: value}`` drawn as dotted horizontal lines (the article's numbers,
    say). Loss in the units of the model's loss function (here binary cross-entropy, nats).
    """
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, history in histories.items():
        logs = getattr(history, "history", history)
        epochs = np.arange(1, len(logs["loss"]) + 1)
        (line,) = ax.plot(epochs, logs["loss"], "--", label=f"{name}: training")
        if "val_loss" in logs:
            ax.plot(epochs, logs["val_loss"], "-", color=line.get_color(), label=f"{name}: validation")
    for label, value in (reference or {}).items():
        ax.axhline(value, linestyle=":", color="grey")
        ax.annotate(label, (1, value), textcoords="offset points", xytext=(4, 4), fontsize=8, color="grey")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (binary cross-entropy)")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    plt.show()
