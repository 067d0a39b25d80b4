# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Measuring denoising: how good, and compared with what?
#
# [Chapter 4](04_denoising.ipynb) ended with one number: the denoiser halves the squared
# error of a noisy digit. Is that good? A number means little until it stands next to
# others. This chapter scores the article's denoiser against five classical denoisers that
# need no training at all, and against the dense autoencoder trained the same way, all on
# the same 10,000 noisy test digits, and asks why it does no better.
# [Chapter 6](06_a_network_built_for_the_job.ipynb) then builds a network that does.

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers and BM3D, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    # %pip install --quiet bm3d==4.0.3 bm4d==4.2.5
    import lib

# %%
import inspect

import keras
import numpy as np

from lib import recipes
from lib.cache import fit_or_load
from lib.classical import METHODS, bm3d_tiled, score_all, tune_all
from lib.data import mnist_splits
from lib.metrics import per_image_psnr
from lib.noise import clipped_noise_mean, undo_clipping_bias
from lib.plots import show_image_rows
from lib.scoreboard import Scoreboard, predict_images, score_model
from lib.training import set_seed

# %% [markdown]
# The data and the noise are exactly those of chapter 4: the same split, σ = 0.2 clipped
# to [0, 1], and the same seeded draws. Every method below sees the very same noisy test
# images.

# %%
splits = mnist_splits()
x_train, x_valid, x_test = (images[..., np.newaxis] for images in (splits.x_train, splits.x_valid, splits.x_test))
sigma = recipes.SIGMA  # 0.2
x_train_noisy, x_valid_noisy, x_test_noisy = recipes.noisy_splits(x_train, x_valid, x_test)
print("training:", x_train.shape, " validation:", x_valid.shape, " test:", x_test_noisy.shape)

# %% [markdown]
# ## Two scores for a restored image
#
# **PSNR**, the peak signal-to-noise ratio, is the mean squared error on a logarithmic
# scale. With pixel values in [0, 1] the peak is 1, and
#
# $$\mathrm{PSNR} = 10 \log_{10} \frac{1}{\mathrm{MSE}} \ \text{dB}.$$
#
# Higher is better: 3 dB more means half the squared error, 10 dB more a tenth of it.
#
# **SSIM**, the structural similarity index {cite:p}`wang2004`, compares small windows
# (7 × 7 pixels here) of the two images: their mean brightness, their contrast and how
# well they correlate. It ranges up to 1 for identical images. It was designed to follow
# what people notice, so it punishes lost strokes and smeared edges that add little to
# the squared error.
#
# Both come from scikit-image (`data_range=1`), are computed for every test image, and
# are reported as the mean ± the standard deviation over the images. First, the score to
# beat: the noisy images themselves.

# %%
board = Scoreboard(x_test)
board.add("noisy input", x_test_noisy)

# %% [markdown]
# ## Five classical denoisers
#
# Long before neural networks, image processing had its own denoisers. None of them
# needs training data; each has one setting that says how hard to smooth. Too little
# leaves the grain, too much wipes out the strokes.
#
# - **Gaussian filter**: a weighted average over a neighbourhood; the setting is the
#   width of the weights in pixels.
# - **Median filter**: each pixel becomes the median of its *k* × *k* neighbourhood,
#   which removes isolated specks and keeps edges.
# - **Total variation** {cite:p}`rudin1992`: the image closest to the noisy one among
#   those with little total variation (the summed size of the gradients): flat areas
#   with sharp edges.
# - **Non-local means** {cite:p}`buades2005`: each pixel becomes an average of pixels,
#   anywhere nearby, whose surrounding 5 × 5 patch looks like its own.
# - **BM3D** {cite:p}`dabov2007`: stacks of similar blocks are transformed together and
#   their small coefficients shrunk; for about a decade it was the best denoiser there was.
#   We use its authors' implementation {cite:p}`makinen2020`.
#
# Total variation, non-local means and BM3D are told the noise level σ. Their settings
# are written as multiples of σ, so that one list of settings serves at every noise level.
#
# Each method is a short function in `lib.classical` that runs the library's
# denoiser on every image of a batch; `METHODS` names them, with the settings worth
# trying. The Gaussian filter, for example, is
#
# ```python
# def gaussian_filter(images, width, sigma):
#     return each(ndimage.gaussian_filter, images, sigma=width)
# ```
#
# and the others follow the same pattern:

# %%
for name, (denoise, candidates) in METHODS.items():
    print(f"{name:16} lib.classical.{denoise.__name__}{inspect.signature(denoise)}   settings to try: {candidates}")

# %% [markdown]
# ### A fair start: undoing the clipping bias
#
# These methods expect noise that averages to zero. Clipped noise does not, as chapter 4
# showed: on the black background only the positive draws survive, so even a perfect
# smoother gives back a background of 0.080, not 0. A learned denoiser gets rid of that
# offset by itself, because its targets are clean. To give the classical methods the same
# chance, we use the fact that the mean of a clipped noisy pixel is a known, increasing
# function of its clean value {cite:p}`foi2009`:

# %%
for clean_value in (0.0, 0.1, 0.5, 0.9, 1.0):
    print(f"clean {clean_value:.1f}  ->  noisy pixels average {clipped_noise_mean(clean_value, sigma):.3f}")

# %% [markdown]
# A smoother estimates the right-hand column; `undo_clipping_bias` inverts the function
# and maps each smoothed value back to the clean value it came from. Every classical
# output below goes through it.
#
# ### Tuning on validation images
#
# Each method gets the setting that restores the first 200 validation images best (mean
# PSNR after the bias correction). The test images are never used to choose anything.

# %%
tuning_clean, tuning_noisy = x_valid[:200], x_valid_noisy[:200]
settings = tune_all(tuning_noisy, tuning_clean, sigma)  # prints each setting's mean PSNR

# %% [markdown]
# How much did the bias correction give each method, at its chosen setting?

# %%
for name, (denoise, _) in METHODS.items():
    smoothed = denoise(tuning_noisy, settings[name], sigma)
    before = per_image_psnr(smoothed, tuning_clean).mean()
    after = per_image_psnr(undo_clipping_bias(smoothed, sigma), tuning_clean).mean()
    print(f"{name:16} {before:6.2f} dB  ->  {after:6.2f} dB with the bias undone ({after - before:+.2f} dB)")

# %% [markdown]
# Up to three and a half decibels for the better methods: without the correction, the
# comparison would mostly measure the grey background they leave behind.
#
# ### The test images
#
# BM3D is far slower than the rest, so it is scored on a seeded random subset of 1,000
# test images; the others on all 10,000. When BM3D is compared with another method below,
# it is on those same 1,000 images. `score_all` denoises the test images with each method
# at its chosen setting, undoes the bias, times it and adds it to the board.

# %%
subset = np.random.default_rng(0).permutation(len(x_test))[:1000]
denoised = score_all(board, x_test_noisy, settings, sigma, bm3d_indices=subset)

# %% [markdown]
# One more detail is BM3D's. Its library spends about 0.3 s setting up each call, whatever
# the image size, so `lib.classical` lays 100 digits side by side in a 10 × 10 mosaic and
# denoises the mosaic in one call. Block matching could then borrow similar blocks from
# a neighbouring digit, which might help BM3D. Does it? On the first 100 images of the
# subset, BM3D digit by digit against BM3D on their mosaic:

# %%
check = subset[:100]
for label, tile in (("one digit at a time", 1), ("10 x 10 mosaic", 10)):
    out = bm3d_tiled(x_test_noisy[check], sigma_psd=settings["BM3D"] * sigma, tile=tile)
    print(f"BM3D, {label:20} {per_image_psnr(undo_clipping_bias(out, sigma), x_test[check]).mean():.2f} dB")

# %% [markdown]
# It does help: on these 100 digits the mosaic gives BM3D almost a decibel more, 23.78 dB
# against 22.83 dB digit by digit, whether from similar blocks in the neighbouring digits
# or simply from more room to search. So BM3D's scores here and in the next chapter are,
# if anything, generous to it: a method that beats the mosaic BM3D beats the digit-by-digit
# one by more.
#
# ## The learned denoisers
#
# First the article's convolutional autoencoder, trained noisy → clean in chapter 4 (its
# recipe, `lib.recipes.denoiser()`: it comes from the model cache, or is trained again to
# the same weights), and the dense autoencoder of chapter 2 trained the same way
# (`lib.recipes.dense_denoiser()`): noisy inputs, clean targets, binary cross-entropy,
# for 20 epochs rather than chapter 2's 50, to keep the chapter quick.

# %%
denoiser, denoiser_history = recipes.train(recipes.denoiser())
(dense, _, _), dense_history = recipes.train(recipes.dense_denoiser())


# %% [markdown]
# `score_model` runs a model on the noisy test images (reshaped to what it reads: the
# dense one reads rows of 784 pixels), times it, and adds it to the board with its number
# of parameters and its training time per epoch.

# %%
for name, model, history in (("article's conv autoencoder", denoiser, denoiser_history),
                             ("dense autoencoder", dense, dense_history)):
    denoised[name] = score_model(board, name, model, x_test_noisy, history)

# %% [markdown]
# ## Why the article's autoencoder loses
#
# Plainly: on PSNR the article's denoiser loses to total variation, non-local means and
# BM3D, methods from 1992, 2005 and 2007 that never saw a digit. On SSIM it fares better,
# between non-local means and BM3D: its outputs are smooth and free of speckle, which SSIM
# rewards. Three things could be to blame for the squared error.
#
# **Capacity.** Every image must pass through a code of 4 × 4 × 8 = 128 numbers, and
# whatever the decoder cannot rebuild from it is lost. How much that costs shows when the
# network of chapter 3, trained on *clean* digits, is given clean digits: there is no
# noise at all to remove.

# %%
autoencoder, _ = recipes.train(recipes.convolutional_autoencoder())
ceiling = per_image_psnr(autoencoder.predict(x_test, verbose=0), x_test).mean()
print(f"chapter 3's autoencoder on clean test digits: {ceiling:.2f} dB")
print(f"non-local means on noisy test digits:         {board.mean('non-local means', 'psnr'):.2f} dB")

# %% [markdown]
# Even with perfect inputs the bottleneck caps this network below what non-local means
# makes of noisy ones, and the denoiser, at 20.35 dB, is already within a decibel of that
# cap. The same cap explains the second culprit, **blur**: what the code cannot hold,
# the decoder replaces by a smooth average of the digits it has seen, so stroke edges
# come out soft. Look at a few test digits:

# %% mystnb={"figure": {"caption": "Eight test digits: clean, noisy, and the outputs of non-local means, BM3D, and the article's autoencoder.", "name": "fig-blur"}, "image": {"alt": "Rows of eight digits; the classical outputs keep sharp but slightly ragged strokes, the autoencoder's are smooth and blurred."}}
examples = slice(0, 8)  # the first eight images of BM3D's subset
show_image_rows({"clean": x_test[subset[examples]], "noisy": x_test_noisy[subset[examples]],
                 "non-local means": denoised["non-local means"][subset[examples]],
                 "BM3D": denoised["BM3D"][examples],
                 "article's autoencoder": denoised["article's conv autoencoder"][subset[examples]]}, n=8)

# %% [markdown]
# The classical outputs keep the strokes' edges, a little ragged; the autoencoder's are
# smooth and soft, and the fifth digit, an 8, has lost its upper loop and reads as a 3.
#
# **The loss** should matter least. Binary cross-entropy and squared error weigh
# mistakes differently during training, but for targets between 0 and 1 both are smallest
# for the same output: the average clean image over everything the noisy input could
# have come from. Still, PSNR *is* the squared error, so a network trained on it might
# squeeze out a little more. That is easy to test: train chapter 4's denoiser for one
# more epoch, starting from its weights, once on the squared error and once, to see
# what the extra epoch alone is worth, on cross-entropy as before.

# %%
bce_psnr = board.mean("article's conv autoencoder", "psnr")
print(f"chapter 4's denoiser, 50 epochs of cross-entropy: {bce_psnr:.2f} dB")
for loss in ("binary_crossentropy", "mean_squared_error"):
    set_seed(0)
    resumed = keras.models.clone_model(denoiser)
    resumed.set_weights(denoiser.get_weights())
    resumed.compile(optimizer="adam", loss=loss)
    fit_or_load(resumed, x_train_noisy, x_train, epochs=1, batch_size=128,
                validation_data=(x_valid_noisy, x_valid))
    psnr = per_image_psnr(predict_images(resumed, x_test_noisy), x_test).mean()
    print(f"then 1 more epoch of {loss}: {psnr:.2f} dB ({psnr - bce_psnr:+.2f} dB)")

# %% [markdown]
# One more epoch changes nothing that matters: 0.01 dB less with either loss, PSNR's own
# loss included. Next to the more than 3 dB that separate
# this network from non-local means, the loss is not the problem; the bottleneck is.
#
# ## What we saw
#
# - On 10,000 noisy test digits (σ = 0.2), the noisy input scores 16.75 dB and SSIM
#   0.613. The article's 4,385-parameter autoencoder reaches 20.35 dB and 0.886.
# - Tuned on validation images, and with the clipping bias undone (worth up to 3.5 dB),
#   non-local means reaches 23.46 dB and BM3D 23.94 dB: on PSNR the article's autoencoder
#   loses to them plainly.
# - Its bottleneck is why: even clean digits come back at only 20.92 dB, and what the
#   code cannot hold comes out blurred. Its loss function is not the problem: training
#   on the squared error does no better than on cross-entropy.
# - BM3D denoises the digits in mosaics of 100, which gives it almost a decibel: its
#   scores here are generous.
#
# The way forward is a network without a bottleneck, built to remove noise rather than to
# compress: [chapter 6](06_a_network_built_for_the_job.ipynb).
#
# ## Exercises
#
# **Exercise 5.1.** The bias correction maps a smoothed value back to a clean one. What
# happens if you apply it to the noisy test images directly, with no smoothing at all?

# %% tags=["hide-cell"]
# Solution to exercise 5.1: it helps a little, far less than after smoothing. The correction
# is made for the *average* of many noisy pixels, and a single noisy pixel is far from its
# average: background pixels that drew less than +0.08 turn black, but one that drew +0.3
# stays bright, and a stroke pixel that drew a dark value gets darker still.
print(f"noisy input:                {board.mean('noisy input', 'psnr'):.2f} dB")
print(f"noisy input, bias 'undone': {per_image_psnr(undo_clipping_bias(x_test_noisy, sigma), x_test).mean():.2f} dB")
