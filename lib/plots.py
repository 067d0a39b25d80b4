"""Figures the chapters share: rows of digit images, loss curves, and score charts."""

import matplotlib.pyplot as plt
import numpy as np

from lib.images import as_square


def show_image_rows(rows, n=10, titles=None, size=1.2):
    """Draw one row of ``n`` grey images per entry of ``rows`` and show the figure.

    ``rows``: dict ``{row label: images}``, images in any layout ``lib.images.as_square``
    accepts, floats in [0, 1] or uint8 0..255 (each row on its own scale, so the two can be
    mixed); the first ``n`` of each are drawn, black = 0.
    ``titles``: optional ``n`` strings written above the first row (labels, for instance).
    ``size``: inches per image.
    """
    if not rows:
        raise ValueError("rows is empty: pass {'row label': images, ...}")
    grids = {label: as_square(images) for label, images in rows.items()}
    for label, images in grids.items():
        if len(images) < n:
            raise ValueError(f"row {label!r} has {len(images)} images, fewer than n={n}")
    fig, axes = plt.subplots(len(grids), n, figsize=(n * size, len(grids) * size + 0.2), squeeze=False)
    for row_index, (row, (label, images)) in enumerate(zip(axes, grids.items())):
        vmax = 255 if images.dtype == np.uint8 else 1.0
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


def plot_histograms(groups, xlabel, bins=60, log_x=True):
    """Overlaid histograms, one per entry of ``groups`` ({label: 1-D values}), and show them.

    Each bar is the share of its group's values that fall in the bin, so that groups of
    different sizes compare. ``log_x`` spaces the bins evenly on a log scale (for errors
    that span decades; every value must then be positive).
    """
    if not groups:
        raise ValueError("groups is empty: pass {'label': values, ...}")
    empty = [label for label, values in groups.items() if np.size(values) == 0]
    if empty:
        raise ValueError(f"group {empty[0]!r} has no values: leave it out, or give it some")
    values = np.concatenate([np.ravel(v) for v in groups.values()])
    if log_x and not values.min() > 0:
        raise ValueError("log_x needs positive values; pass log_x=False")
    edges = (
        np.geomspace(values.min(), values.max(), bins + 1)
        if log_x
        else np.linspace(values.min(), values.max(), bins + 1)
    )
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for label, group in groups.items():
        group = np.ravel(group)
        ax.hist(
            group,
            bins=edges,
            weights=np.full(len(group), 1 / len(group)),
            histtype="stepfilled",
            alpha=0.45,
            label=f"{label} ({len(group):,})",
        )
    if log_x:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("share of images per bin")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    plt.show()


def plot_roc(curves):
    """ROC curves, ``{label: lib.ood.Roc}``, with their AUROC in the legend, and show them."""
    if not curves:
        raise ValueError("curves is empty: pass {'label': lib.ood.roc(...), ...}")
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    for label, curve in curves.items():
        ax.plot(curve.false_alarm, curve.detected, label=f"{label} (AUROC {curve.auroc:.3f})")
    ax.plot([0, 1], [0, 1], ":", color="grey", label="chance (AUROC 0.5)")
    ax.set_xlabel("digits flagged (false alarms)")
    ax.set_ylabel("outliers flagged (detected)")
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    plt.show()


def plot_rate_distortion(lossy, lossless):
    """Bytes per image (log scale) against PSNR in dB, and show the figure.

    ``lossy``: ``{label: (bytes, psnr)}``, two equal-length sequences, one point per
    setting (JPEG quality, code size), joined by a line. ``lossless``: ``{label: bytes}``;
    an exact copy has infinite PSNR, so each is drawn as a vertical dashed line.
    """
    if not lossy:
        raise ValueError("lossy is empty: pass {'label': (bytes, psnr), ...}")
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for label, (sizes, psnr) in lossy.items():
        if len(sizes) != len(psnr):
            raise ValueError(f"{label!r}: {len(sizes)} sizes but {len(psnr)} PSNR values")
        ax.plot(sizes, psnr, "o-", label=label)
    for label, size in lossless.items():
        line = ax.axvline(size, linestyle="--", color="grey", alpha=0.7)
        ax.annotate(
            label,
            (size, 0.02),
            xycoords=("data", "axes fraction"),
            rotation=90,
            xytext=(-10, 0),
            textcoords="offset points",
            fontsize=8,
            color=line.get_color(),
        )
    ax.set_xscale("log")
    ax.set_xlabel("bytes per image (log scale)")
    ax.set_ylabel("PSNR (dB, higher is better)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    plt.show()


def scatter_by_label(panels, labels, size=2):
    """One scatter plot per entry of ``panels`` ({title: (n, 2) points}), coloured by ``labels``.

    ``labels``: (n,) integers 0..9 (digits), shared by every panel; one legend for all.
    """
    if not panels:
        raise ValueError("panels is empty: pass {'title': points, ...}")
    labels = np.asarray(labels)
    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4.8), squeeze=False)
    for ax, (title, points) in zip(axes[0], panels.items()):
        points = np.asarray(points)
        if points.shape != (len(labels), 2):
            raise ValueError(f"{title!r}: expected points of shape ({len(labels)}, 2), got {points.shape}")
        for label in np.unique(labels):
            chosen = labels == label
            ax.scatter(points[chosen, 0], points[chosen, 1], s=size, color=plt.cm.tab10(label % 10), label=str(label))
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0, -1].legend(markerscale=4, fontsize=8, loc="center left", bbox_to_anchor=(1, 0.5))
    fig.tight_layout()
    plt.show()


def plot_scores(entries):
    """Mean PSNR (dB) and SSIM of each denoiser as horizontal bars, ± one standard deviation.

    ``entries``: ``lib.scoreboard.Entry`` objects (a ``Scoreboard``'s values), drawn top to
    bottom in order; learned models (those with a parameter count) in a second colour.
    """
    entries = list(entries)
    if not entries:
        raise ValueError("entries is empty: score some denoisers first")
    fig, axes = plt.subplots(1, 2, figsize=(9, 0.4 * len(entries) + 1.2), sharey=True)
    rows = np.arange(len(entries))
    colours = ["tab:orange" if entry.parameters else "tab:blue" for entry in entries]
    for ax, metric, label in zip(axes, ("psnr", "ssim"), ("PSNR (dB, higher is better)", "SSIM (higher is better)")):
        values = [getattr(entry, metric) for entry in entries]
        ax.barh(
            rows,
            [v.mean() for v in values],
            xerr=[v.std() for v in values],
            color=colours,
            error_kw={"elinewidth": 0.8, "ecolor": "grey"},
        )
        ax.set_xlabel(label)
        ax.grid(alpha=0.3, axis="x")
    axes[0].set_yticks(rows, [entry.name for entry in entries])
    axes[0].invert_yaxis()
    axes[1].set_xlim(0, 1)
    fig.tight_layout()
    plt.show()


def plot_psnr_by_sigma(sigmas, curves, trained_at=None):
    """Mean PSNR (dB) against the noise level σ, one line per entry of ``curves``, and show it.

    ``curves``: ``{label: PSNR values, one per sigma}``. ``trained_at``: optional σ the
    models were trained at, drawn as a dotted vertical line.
    """
    if not curves:
        raise ValueError("curves is empty: pass {'label': [psnr per sigma], ...}")
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for index, (label, values) in enumerate(curves.items()):
        if len(values) != len(sigmas):
            raise ValueError(f"{label!r}: {len(values)} values for {len(sigmas)} noise levels")
        ax.plot(sigmas, values, marker="os^vD<>p*"[index % 9], linestyle="-", label=label)
    if trained_at is not None:
        ax.axvline(trained_at, linestyle=":", color="grey")
        ax.annotate(
            f"trained at σ = {trained_at}",
            (trained_at, 0.02),
            xycoords=("data", "axes fraction"),
            xytext=(4, 0),
            textcoords="offset points",
            fontsize=8,
            color="grey",
        )
    ax.set_xlabel("noise level σ")
    ax.set_ylabel("mean PSNR (dB, higher is better)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    plt.show()


def show_photos(panels, columns=None, size=2.6):
    """Photos side by side with a title each, and show the figure.

    ``panels``: ``{title: image}``, each (h, w) grey or (h, w, 3) RGB with values in [0, 1]
    (clipped for display). ``columns``: panels per row (default: all in one row).
    """
    if not panels:
        raise ValueError("panels is empty: pass {'title': image, ...}")
    columns = columns or len(panels)
    rows = -(-len(panels) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(columns * size, rows * (size + 0.3)), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, (title, image) in zip(axes.flat, panels.items()):
        image = np.clip(np.asarray(image, dtype="float64"), 0, 1)
        if image.ndim not in (2, 3) or (image.ndim == 3 and image.shape[-1] != 3):
            raise ValueError(f"{title!r}: expected (h, w) or (h, w, 3), got shape {image.shape}")
        ax.imshow(image, cmap="gray" if image.ndim == 2 else None, vmin=0, vmax=1)
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    plt.show()


def show_image_table(table, size=1.0):
    """Draw a grid of grey images with a label on every row and column, and show it.

    ``table``: ``{row label: {column label: image}}``, every row with the same column labels
    in the same order; each image 2-D (h, w) or (h, w, 1), values in [0, 1], black = 0
    (several digits side by side make one wide image). ``size``: inches per image height.
    """
    if not table:
        raise ValueError("table is empty: pass {'row label': {'column label': image, ...}, ...}")
    columns = list(next(iter(table.values())))
    for label, row in table.items():
        if list(row) != columns:
            raise ValueError(f"row {label!r} has columns {list(row)}, expected {columns}")
    first = np.squeeze(np.asarray(next(iter(table.values()))[columns[0]]))
    aspect = first.shape[1] / first.shape[0]
    fig, axes = plt.subplots(
        len(table), len(columns), squeeze=False, figsize=(len(columns) * size * aspect + 0.8, len(table) * size + 0.3)
    )
    for axes_row, (label, row) in zip(axes, table.items()):
        for ax, (column, image) in zip(axes_row, row.items()):
            ax.imshow(np.squeeze(np.asarray(image)), cmap="gray", vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
        axes_row[0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize=9)
    for ax, column in zip(axes[0], columns):
        ax.set_title(column, fontsize=9)
    fig.tight_layout()
    plt.show()
