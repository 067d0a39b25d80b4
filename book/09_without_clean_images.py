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
# # Denoising without clean images, and noise that is not Gaussian
#
# After photographs in chapter 8, we return to digits, where training is cheap, to ask two
# questions that real data raises. Every denoiser so far learned from *clean* targets and
# from *Gaussian* noise. The people who need denoising most (in microscopy, astronomy, old
# scans, low-light photography) rarely have clean versions of their images, and their
# noise is rarely Gaussian. How much does a denoiser lose without clean images? And what
# happens when the noise changes its nature? Each answer below is a measurement, beside
# the supervised small DnCNN of [chapter 6](06_a_network_built_for_the_job.ipynb).

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers and BM3D, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    # %pip install --quiet bm3d==4.0.3 bm4d==4.2.5
    import lib

# %%
import numpy as np
from scipy import ndimage
from skimage import restoration

from lib.blindspot import blind_spot_pairs
from lib.cache import fit_or_load
from lib.classical import METHODS, bm3d_tiled, each, tune
from lib.data import mnist_splits
from lib.metrics import per_image_psnr, per_image_ssim
from lib.models import small_dncnn
from lib.noise import add_gaussian_noise, add_noise, clipped_noise_mean, level_for_psnr, undo_clipping_bias
from lib.plots import show_image_rows, show_image_table
from lib.scoreboard import Scoreboard, predict_images
from lib.training import set_seed

# %% [markdown]
# ## The supervised reference
#
# The data, the noise and the model are chapter 6's: σ = 0.2 clipped to [0, 1], the same
# seeded draws, and the small DnCNN (`lib.models.small_dncnn` is the network chapter 6
# wrote out) trained for 3 epochs from noisy inputs to clean targets. If chapter 6 ran
# before, it comes straight from the model cache.

# %%
splits = mnist_splits()
x_train, x_valid, x_test = (images[..., np.newaxis] for images in (splits.x_train, splits.x_valid, splits.x_test))
sigma = 0.2
x_train_noisy = add_gaussian_noise(x_train, sigma=sigma, seed=1)
x_valid_noisy = add_gaussian_noise(x_valid, sigma=sigma, seed=2)
x_test_noisy = add_gaussian_noise(x_test, sigma=sigma, seed=3)

set_seed(0)
supervised = small_dncnn("dncnn")
fit_or_load(supervised, x_train_noisy, x_train, epochs=3, batch_size=128, validation_data=(x_valid_noisy, x_valid))


board = Scoreboard(x_test)
board.add("noisy input", x_test_noisy)
supervised_out = predict_images(supervised, x_test_noisy)
board.add("supervised DnCNN (clean targets)", supervised_out)

# %% [markdown]
# ## Noise2Noise: a second noisy copy as the target
#
# Why should clean targets be needed at all? A network trained on the squared error learns,
# for every input, the *average* of the targets it was shown for inputs like it. If the
# targets are noisy copies whose noise averages to zero, that average is the clean image:
# the noise in the targets makes training noisier, not wrong. This is Noise2Noise
# {cite:p}`lehtinen2018`, which reports noisy targets doing as well as clean ones on
# photographs (32.39 dB against 32.38 dB on the Kodak images).
#
# Suppose then that each training digit was photographed twice, with independent noise.
# The inputs, the network and its training stay those of the supervised model; only the
# targets change, to the second copy. This chapter trains many models, so to keep it
# cheap they see only the first 20,000 training digits, for 3 epochs; where one must
# stand against the supervised model, that model is trained again on the same 20,000
# digits, so that only the targets differ.

# %%
n_train = 20000
train = slice(0, n_train)
second_copy = add_gaussian_noise(x_train[train], sigma=sigma, seed=11)
second_copy_valid = add_gaussian_noise(x_valid, sigma=sigma, seed=12)

set_seed(0)
noise2noise_clipped = small_dncnn("noise2noise_clipped")
fit_or_load(noise2noise_clipped, x_train_noisy[train], second_copy, epochs=3, batch_size=128,
            validation_data=(x_valid_noisy, second_copy_valid))
n2n_clipped_out = predict_images(noise2noise_clipped, x_test_noisy)
board.add("Noise2Noise, clipped targets, 20,000 digits", n2n_clipped_out)

# %% [markdown]
# More than 5 dB below the supervised model, and an SSIM barely above the noisy input's.
# The reason is the one chapter 5 met with the classical methods: our noisy images are
# *clipped*, and clipped noise does not average to zero. On the black background only the
# upward draws survive. The network has learned exactly what Noise2Noise promises, the
# average of a noisy pixel, and that average is not the clean value:

# %%
for clean_value in (0.0, 1.0):
    where = x_test == clean_value
    print(f"clean pixels at {clean_value:.0f}: Noise2Noise gives {n2n_clipped_out[where].mean():.3f} on average, "
          f"the supervised model {supervised_out[where].mean():.3f}; "
          f"a noisy pixel averages {clipped_noise_mean(clean_value, sigma):.3f}")

# %% [markdown]
# On black pixels it gives 0.078, close to the 0.080 that a noisy black pixel averages; the
# supervised model gives 0.001. On white ones it stays about a tenth below the supervised
# model, for the same reason in reverse. Its whole background is a uniform dark grey.
#
# Noise2Noise needs one condition: **the expected target, given the input, must be the
# clean image**. Noise that is zero-mean and independent between the two copies meets it;
# clipped noise does not. There are two ways out.
#
# The first works after the fact, when the noise is known: chapter 5's `undo_clipping_bias`
# maps "the average of a noisy pixel" back to the clean value it came from.

# %%
board.add("Noise2Noise, clipped, bias undone, 20,000 digits", undo_clipping_bias(n2n_clipped_out, sigma))

# %% [markdown]
# The second removes the bias at its source. A camera or a microscope measures values
# that can fall below black or above white; the clipping happens only when they are stored
# as an image. Train on the *raw* second copy, N(0, σ²) noise left unclipped, whose
# expectation is the clean image. The inputs stay clipped, as every image we denoise is.

# %%
raw_second_copy = add_gaussian_noise(x_train, sigma=sigma, seed=11, clip=False)
raw_second_copy_valid = add_gaussian_noise(x_valid, sigma=sigma, seed=12, clip=False)
print(f"raw targets range from {raw_second_copy.min():.2f} to {raw_second_copy.max():.2f}; "
      f"on black pixels they average {raw_second_copy[x_train == 0].mean():+.4f}")

set_seed(0)
noise2noise = small_dncnn("noise2noise")
fit_or_load(noise2noise, x_train_noisy[train], raw_second_copy[train], epochs=3, batch_size=128,
            validation_data=(x_valid_noisy, raw_second_copy_valid))
board.add("Noise2Noise, raw targets, 20,000 digits", predict_images(noise2noise, x_test_noisy))

set_seed(0)  # the same network on the same 20,000 digits, with clean targets
supervised_20k = small_dncnn("dncnn")
fit_or_load(supervised_20k, x_train_noisy[train], x_train[train], epochs=3, batch_size=128,
            validation_data=(x_valid_noisy, x_valid))
board.add("supervised DnCNN, 20,000 digits", predict_images(supervised_20k, x_test_noisy))

# %% [markdown]
# Undoing the bias after the fact recovers most of the loss: 25.07 dB, from 20.73 dB.
# Raw targets do better still: 25.83 dB, against 25.90 dB for the same network trained
# on the same 20,000 digits with clean targets. The target we set: once the condition
# holds, Noise2Noise comes within half a decibel of the supervised model trained on the
# same digits, on the same 10,000 test digits, without a single clean image.

# %%
gap = (board.mean("supervised DnCNN, 20,000 digits", "psnr")
       - board.mean("Noise2Noise, raw targets, 20,000 digits", "psnr"))
print(f"supervised minus Noise2Noise (raw targets), both on 20,000 digits: {gap:.2f} dB")
assert gap <= 0.5, "Noise2Noise with zero-mean targets should come within 0.5 dB of the supervised DnCNN"

# %% [markdown]
# ## One noisy copy: a blind spot
#
# Often there is no second copy either. Could a noisy image be its own target? Trained
# naively, the network would learn to copy its input, the easiest way to match it.
# Noise2Self {cite:p}`batson2019` and Noise2Void {cite:p}`krull2019` block that way out
# with a *blind spot*: hide a pixel from the input, and ask the network to predict it from
# its neighbours. The neighbours carry the digit but not this pixel's noise, which is
# independent of theirs, so the best the network can do is predict the clean value (its
# expectation, if that noise is zero-mean, so we use the raw copy again as the target).
#
# `blind_spot_pairs` picks 5 % of the pixels of each image at random and replaces each with
# the value of a random one of its eight neighbours; the loss is counted only on those
# pixels, through Keras' `sample_weight`. Once trained, the network sees whole images.
#
# For a fair price of the blind spot, it learns from the same 20,000 digits as the smaller
# Noise2Noise model above.

# %%
raw_single = add_gaussian_noise(x_train[train], sigma=sigma, seed=1, clip=False)  # behind x_train_noisy[train]
raw_single_valid = add_gaussian_noise(x_valid, sigma=sigma, seed=2, clip=False)
masked, weights = blind_spot_pairs(np.clip(raw_single, 0, 1), fraction=0.05, seed=7)
masked_valid, weights_valid = blind_spot_pairs(np.clip(raw_single_valid, 0, 1), fraction=0.05, seed=8)
print(f"masked pixels per image: {weights[0].sum():.0f} of 784")

set_seed(0)
blind_spot = small_dncnn("blind_spot")
fit_or_load(blind_spot, masked, raw_single, sample_weight=weights, epochs=3, batch_size=128,
            validation_data=(masked_valid, raw_single_valid, weights_valid))
board.add("blind spot (one raw copy), 20,000 digits", predict_images(blind_spot, x_test_noisy))
for metric, unit in (("psnr", " dB"), ("ssim", "")):
    cost = (board.mean("Noise2Noise, raw targets, 20,000 digits", metric)
            - board.mean("blind spot (one raw copy), 20,000 digits", metric))
    print(f"what the blind spot costs against Noise2Noise on the same digits: {metric.upper()} {cost:.3g}{unit}")

# %% mystnb={"figure": {"caption": "Eight test digits: clean, noisy (\u03c3 = 0.2), and restored by the supervised DnCNN, Noise2Noise with clipped targets, Noise2Noise with raw targets and the blind-spot network.", "name": "fig-self-supervised"}, "image": {"alt": "Rows of eight digits; Noise2Noise with clipped targets leaves a grey background, the other three give black backgrounds and clear strokes, the blind-spot outputs a little ragged."}}
examples = slice(0, 8)
show_image_rows({"clean": x_test[examples], "noisy": x_test_noisy[examples],
                 "supervised": supervised_out[examples],
                 "N2N, clipped": n2n_clipped_out[examples],
                 "N2N, raw": predict_images(noise2noise, x_test_noisy[examples]),
                 "blind spot": predict_images(blind_spot, x_test_noisy[examples])}, n=8)

# %% [markdown]
# The blind spot costs about 4 dB of PSNR against Noise2Noise trained on the same 20,000
# digits (21.70 dB against 25.83 dB), though its SSIM, 0.918, is far above the noisy
# input's 0.613. It pays twice. It never sees the value of the pixel it is asked about,
# and for a thin stroke at this noise level that value is most of what there is to know:
# from the neighbours alone, the exact edge of a stroke can only be guessed. And only 5 %
# of the pixels teach it anything in each pass, so the same three epochs train it far
# less. This chapter does not separate the two; a second noisy copy, where one can be
# had, is worth a great deal.
#
# ## Tuning a classical method without clean images
#
# Chapter 5 chose each classical method's setting by scoring it against clean validation
# images. Without them, scikit-image's `calibrate_denoiser` uses the same idea as the
# blind spot (J-invariance, from Noise2Self): it denoises the image with a grid of pixels
# hidden, replaced by an average of their neighbours, and compares the result *at the
# hidden pixels* with the noisy image. Since a hidden pixel's noise cannot leak into its
# own estimate, that loss is the error against the clean image plus a constant, the
# noise's variance, and the setting that minimises one minimises the other.
#
# Below, both ways of tuning choose among chapter 5's candidate settings for four
# classical methods on the same 200 validation images; `calibrate_denoiser` sees only the
# noisy ones, laid out as one 280 × 560 mosaic. Both are then scored on chapter 5's 1,000
# test images, with chapter 5's correction for the clipping bias.

# %%
tuning_clean, tuning_noisy = x_valid[:200], x_valid_noisy[:200]
mosaic = tuning_noisy[..., 0].reshape(10, 20, 28, 28).transpose(0, 2, 1, 3).reshape(280, 560).astype("float64")
test_subset = np.random.default_rng(0).permutation(len(x_test))[:1000]  # chapter 5's BM3D subset
for name in ("Gaussian filter", "median filter", "total variation", "non-local means"):
    denoise, candidates = METHODS[name]  # chapter 5's methods and settings to try
    with_clean, _ = tune(denoise, candidates, tuning_noisy, tuning_clean, sigma)

    def denoise_one(image, setting):  # calibrate_denoiser denoises one image, setting by keyword
        return denoise(image[np.newaxis], setting, sigma)[0]

    _, (tried, losses) = restoration.calibrate_denoiser(mosaic, denoise_one, {"setting": candidates},
                                                        extra_output=True)
    without_clean = tried[int(np.argmin(losses))]["setting"]
    psnr = {setting: per_image_psnr(undo_clipping_bias(denoise(x_test_noisy[test_subset], setting, sigma), sigma),
                                    x_test[test_subset]).mean() for setting in {with_clean, without_clean}}
    print(f"{name:16} tuned on clean images: {with_clean} ({psnr[with_clean]:.2f} dB)   "
          f"self-supervised: {without_clean} ({psnr[without_clean]:.2f} dB)")

# %% [markdown]
# For all four methods, the self-supervised loss picks the very setting that clean images
# pick, and so the same test scores (non-local means: 0.4, 23.47 dB). On these digits, at
# this noise, tuning a classical method needs no clean images. One subtlety: the loss
# compares with the clipped noisy image, so it looks for the setting that best estimates
# a noisy pixel's mean, and the bias is undone afterwards; here that made no difference.
#
# ## Noise that is not Gaussian
#
# Three other kinds of noise, all from everyday imaging:
#
# - **Poisson** (shot) noise: light arrives as photons, and a pixel counts how many it
#   caught. The count's spread grows with its mean, so bright strokes are noisier than
#   dark background, which stays black. The level is how many photons a white pixel
#   collects on average.
# - **Salt and pepper**: a share of pixels, dead or saturated, set to 0 or 1 whatever
#   they showed; the rest untouched.
# - **Speckle**: noise that *multiplies* the signal, v + v·n, as in radar and ultrasound
#   images; black stays black.
#
# For a fair comparison each gets the level at which the noisy validation images score the
# same PSNR as Gaussian noise at σ = 0.2, found by bisection (`level_for_psnr`):

# %%
kinds = ["gaussian", "poisson", "salt & pepper", "speckle"]
target_psnr = per_image_psnr(x_valid_noisy, x_valid).mean()
levels = {"gaussian": sigma}
print(f"{'gaussian':14} level {sigma:.4f}   noisy validation PSNR {target_psnr:.2f} dB")
for kind, (low, high) in zip(kinds[1:], [(1.0, 100.0), (0.005, 0.3), (0.05, 2.0)]):
    levels[kind], psnr = level_for_psnr(x_valid, kind, target_psnr, low, high, seed=2)
    print(f"{kind:14} level {levels[kind]:.4f}   noisy validation PSNR {psnr:.2f} dB")

# %% [markdown]
# A white pixel that catches about three photons is a dim picture indeed; the three
# noises differ in what they do to the image, not in their overall strength.
#
# Five denoisers meet each noise: a 3 × 3 median filter; BM3D, told the noise's standard
# deviation measured on validation images as if the noise were Gaussian (with chapter 5's
# bias correction on Gaussian noise, for which it is known); the small DnCNN trained on
# Gaussian noise; one trained on the noise it meets; and one trained on a mixture, each of
# its training digits carrying one of the four noises. To keep the chapter cheap, the
# DnCNNs of this table see only the first 10,000 training digits, for 3 epochs (chapter 6's saw
# 59,500), and everything is scored on the same 200 test digits (the first 200 of chapter
# 5's subset: BM3D is slow).

# %%
n_noise_train = 10000
noise_train = slice(0, n_noise_train)
noisy_train = {kind: add_noise(x_train[noise_train], kind, levels[kind], seed=21) for kind in kinds}
noisy_valid = {kind: add_noise(x_valid, kind, levels[kind], seed=2) for kind in kinds}
which = np.random.default_rng(6).integers(len(kinds), size=n_noise_train)  # one noise per training digit
mixed_train = np.stack([noisy_train[kind] for kind in kinds])[which, np.arange(n_noise_train)]
mixed_valid = np.stack([noisy_valid[kind] for kind in kinds])[np.arange(len(x_valid)) % len(kinds),
                                                             np.arange(len(x_valid))]

specialists = {}
for kind in kinds:
    set_seed(0)
    specialists[kind] = small_dncnn(f"dncnn_{kind.replace(' & ', '_and_')}")
    fit_or_load(specialists[kind], noisy_train[kind], x_train[noise_train], epochs=3, batch_size=128,
                validation_data=(noisy_valid[kind], x_valid))
set_seed(0)
mixture = small_dncnn("dncnn_mixture")
mixture_history = fit_or_load(mixture, mixed_train, x_train[noise_train], epochs=3, batch_size=128,
                              validation_data=(mixed_valid, x_valid))

# %%
scored = test_subset[:200]
clean = x_test[scored]
noisy_test = {kind: add_noise(x_test, kind, levels[kind], seed=3)[scored] for kind in kinds}
noise_std = {kind: float(np.sqrt(np.mean((noisy_valid[kind] - x_valid) ** 2))) for kind in kinds}
outputs, scores = {}, {}
for kind in kinds:
    noisy = noisy_test[kind]
    bm3d_out = bm3d_tiled(noisy, sigma_psd=noise_std[kind])
    outputs[kind] = {
        "noisy": noisy,
        "median 3 × 3": each(ndimage.median_filter, noisy, size=3),
        "BM3D": undo_clipping_bias(bm3d_out, sigma) if kind == "gaussian" else bm3d_out,
        "DnCNN, Gaussian": predict_images(specialists["gaussian"], noisy),
        "DnCNN, this noise": predict_images(specialists[kind], noisy),
        "DnCNN, mixture": predict_images(mixture, noisy),
    }
    scores[kind] = {method: (per_image_psnr(out, clean).mean(), per_image_ssim(out, clean).mean())
                    for method, out in outputs[kind].items()}

methods = list(outputs["gaussian"])
print("PSNR (dB) / SSIM on 200 test digits")
print(f"{'':14}" + "".join(f"{method:>19}" for method in methods))
for kind in kinds:
    print(f"{kind:14}" + "".join(f"{psnr:12.2f} / {ssim:.3f}" for psnr, ssim in scores[kind].values()))

# %% mystnb={"figure": {"caption": "Four test digits under each noise (rows, all at the noisy-input PSNR of \u03c3 = 0.2), and what each method makes of them (columns).", "name": "fig-noise-kinds"}, "image": {"alt": "A grid of four rows, one per noise, and seven columns: clean, noisy, median filter, BM3D and three DnCNNs. The Gaussian-trained DnCNN leaves salt-and-pepper dots in place; the DnCNNs trained on each noise or on the mixture give clean digits."}}
side_by_side = lambda images: np.hstack(list(images[:4, ..., 0]))  # noqa: E731  (four digits as one image)
show_image_table({kind: {"clean": side_by_side(clean),
                         **{method: side_by_side(out) for method, out in outputs[kind].items()}}
                  for kind in kinds}, size=0.9)

# %% [markdown]
# Read the table by rows. The mismatch is plain: the Gaussian-trained DnCNN, the best
# method on Gaussian noise (25.69 dB), falls to 19.13 dB on Poisson noise and 18.98 dB on
# speckle, where DnCNNs trained on those noises reach 22.67 dB and 23.82 dB. It still
# beats the median filter and BM3D on PSNR under every noise, but what it has not learned
# to see as noise it leaves in place: the salt-and-pepper dots in the figure, and an SSIM
# there (0.883) below the median filter's.
#
# Salt and pepper is the easiest noise for a network trained on it, 29.79 dB and SSIM
# 0.984: a corrupted pixel is exactly 0 or 1 where its neighbours disagree, and every
# other pixel is exact. It is also the one noise the median filter is made for: 22.57 dB
# and SSIM 0.935, against 19.35 dB on Gaussian noise, ahead of BM3D (22.29 dB), which
# treats impulses as if they were Gaussian noise of the same strength. On Poisson noise and
# speckle the median filter does no better than the noisy input, and worse on SSIM:
# these noises leave the black background black and disturb only the strokes, which a
# 3 × 3 median thins.
#
# The mixture model, which saw about a quarter of the digits with each noise, is the
# compromise one would expect: below each specialist (most on salt and pepper, 25.61 dB
# against 29.79 dB), above the Gaussian-trained model on every other noise (21.76 dB
# against 19.13 dB on Poisson noise), and 24.54 dB on Gaussian noise against the
# specialist's 25.69 dB. Without knowing which noise it meets, a model trained on all of
# them is the safer bet.
#
# ## The mean or the median: L2 and L1 losses for impulse noise
#
# Salt and pepper is an *impulse* noise: most pixels are exact, a few are wildly wrong.
# With clean targets, both losses aim at the clean image. The difference shows when the
# targets are noisy too, as in Noise2Noise: the squared error (L2) is smallest at the
# *mean* of the targets, the absolute error (L1) at their *median* {cite:p}`lehtinen2018`.
# A black pixel's salt-and-pepper copies are 0 most of the time and 1 now and then: their
# mean is pulled up, their median stays 0. So train Noise2Noise on two salt-and-pepper
# copies, once with each loss, on the 20,000 digits of the Noise2Noise models above.

# %%
salt_and_pepper = "salt & pepper"
salted = add_noise(x_train[train], salt_and_pepper, levels[salt_and_pepper], seed=21)
second_salted = add_noise(x_train[train], salt_and_pepper, levels[salt_and_pepper], seed=22)
second_salted_valid = add_noise(x_valid, salt_and_pepper, levels[salt_and_pepper], seed=23)
background = clean == 0
print(f"a black pixel's salt-and-pepper copies average {levels[salt_and_pepper] / 2:.4f}; their median is 0")
print(f"{'':34}{'PSNR (dB)':>10}{'SSIM':>8}   mean output on black pixels")
for loss, label in [("mean_squared_error", "Noise2Noise, L2"), ("mean_absolute_error", "Noise2Noise, L1")]:
    set_seed(0)
    model = small_dncnn(f"noise2noise_salt_{loss}", loss=loss)
    fit_or_load(model, salted, second_salted, epochs=3, batch_size=128,
                validation_data=(noisy_valid[salt_and_pepper], second_salted_valid))
    out = predict_images(model, noisy_test[salt_and_pepper])
    print(f"{label:34}{per_image_psnr(out, clean).mean():10.2f}{per_image_ssim(out, clean).mean():8.3f}"
          f"   {out[background].mean():.4f}")

# %% [markdown]
# The mean and the median show on the black background: with the squared error, Noise2Noise
# gives black pixels 0.0188 on average, close to the 0.0231 that their noisy copies average;
# with the absolute error, 0.0002, the median's 0. SSIM, which a grey veil over a flat
# background hurts badly, follows: 0.781 against 0.980. PSNR does not: 29.82 dB for L2
# against 26.65 dB for L1, because an offset of two hundredths costs little squared error,
# while the L1 model's errors elsewhere cost more. Why L1 loses there, this chapter does not
# settle (the absolute error's gradient does not shrink near the answer, which makes it
# slower to train, is a common suspect). The DnCNN of the table trained on clean targets
# (29.79 dB and SSIM 0.984, on half as many digits) faces no such choice: its targets
# carry no impulses.
#
# ## What we saw
#
# - Noise2Noise, trained on pairs of noisy copies, learns the expected target. With the
#   course's clipped noise that is the mean of a noisy pixel, not the clean value: 20.73 dB,
#   black pixels at 0.078 (on 20,000 digits). Undoing the bias afterwards gives 25.07 dB;
#   raw, zero-mean targets give 25.83 dB, against 25.90 dB for the same network trained on
#   the same digits with clean targets. The condition: targets whose expectation is the
#   clean image.
# - From single noisy images, a blind spot still learns to denoise, 21.70 dB and SSIM 0.918,
#   about 4 dB below Noise2Noise on the same 20,000 digits.
# - `calibrate_denoiser`, which sees only noisy images, chose the same setting as tuning on
#   clean images for every classical method it tried.
# - Every method here was made for Gaussian noise but the specialists, and it shows: the
#   Gaussian-trained DnCNN drops to 19.13 dB on Poisson noise and 18.98 dB on speckle, at
#   the same noisy-input PSNR. Trained on the noise it meets, the same network gets 22.67 dB,
#   23.82 dB and, on salt and pepper, 29.79 dB; trained on a mixture, it comes between.
# - With noisy targets, the loss decides what is learned: the squared error the mean, the
#   absolute error the median. Only the median is blind to impulses.
#
# ## Exercises
#
# **Exercise 9.1.** Chapter 6's supervised DnCNN saw about six times as many Gaussian-noised
# training digits as the Gaussian specialist of the table. Score it on the table's 200 test
# digits under each of the four noises: does more data help it with the noises it never saw?

# %% tags=["hide-cell"]
# Solution to exercise 9.1: more data helps most where the noise is the one it was trained
# on, and little or not at all with the others: what it lacks there is the noise, not the
# digits.
for kind in kinds:
    out = predict_images(supervised, noisy_test[kind])
    print(f"{kind:14} chapter 6's DnCNN: {per_image_psnr(out, clean).mean():6.2f} dB   "
          f"Gaussian specialist: {scores[kind]['DnCNN, Gaussian'][0]:6.2f} dB")

# %% [markdown]
# **Exercise 9.2.** Noise2Noise with clipped targets learned the mean of a noisy pixel.
# Would a loss that learns the median (L1) have fixed it, without raw targets? Answer
# without training anything: draw many clipped noisy copies of a black, a mid-grey and a
# white pixel, and compare their means and medians with the clean values.

# %% tags=["hide-cell"]
# Solution to exercise 9.2: yes. Clipping moves the mean but not the median: clipping is
# monotone, so the median of clip(v + noise) is clip(median of v + noise) = v. A black
# pixel's copies are 0 half the time and above 0 otherwise: mean 0.08, median 0. So L1
# with clipped noisy targets would learn the clean image, as it does for salt and pepper.
draws = np.random.default_rng(0).standard_normal(100001) * sigma
for value in (0.0, 0.5, 1.0):
    copies = np.clip(value + draws, 0, 1)
    print(f"clean {value:.1f}: copies average {copies.mean():.3f}, their median is {np.median(copies):.3f}")
