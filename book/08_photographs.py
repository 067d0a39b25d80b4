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
# # From digits to photographs: denoise your own images
#
# Every image so far was a 28 × 28 digit. This chapter takes what the course built to
# real photographs, and measures it the way the denoising literature does: grey photos,
# Gaussian noise at three levels, PSNR and SSIM, against non-local means and BM3D, a
# network trained here in a few minutes, and a strong network trained elsewhere for hours.
# Then it handles what a real photo brings: colour, any size, an unknown noise level,
# noise that is not Gaussian. It ends with a command that denoises a file of your own.

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers and BM3D, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    # %pip install --quiet bm3d==4.0.3 bm4d==4.2.5
    import lib

# %%
import tempfile
from pathlib import Path

import bm3d
import keras
import numpy as np
from keras import layers
from PIL import Image
from skimage.restoration import denoise_nl_means

from lib.cache import fit_or_load
from lib.denoise import METHODS, denoise_file, denoise_image, dncnn_denoise, estimate_noise_sigma
from lib.metrics import per_image_psnr, per_image_ssim
from lib.photos import (PHOTOS, add_poisson_gaussian_noise, add_white_noise, anscombe, centre_crop,
                        inverse_anscombe, load_photo, noisy_patch_pipeline, photo_split, random_patches)
from lib.plots import plot_psnr_by_sigma, show_photos
from lib.pretrained import TRAINED_SIGMAS, pretrained_dncnn, variant_for
from lib.training import set_seed

# %% [markdown]
# ## Photographs we may use
#
# No benchmark set of the literature (BSD68, Set12, Kodak) can be downloaded here, so the
# photos come from inside packages we already install: scikit-image, scikit-learn and
# matplotlib ship a few, each free to reuse (`lib.photos.PHOTOS` credits each one). The
# split is fixed. Patches for training are cut from the training photos; anything we
# tune is tuned on the validation photos; the test photos choose nothing and are only
# scored.

# %%
split = photo_split()
for photo in PHOTOS:
    shape = load_photo(photo.name).shape
    line = f"{photo.split:10} {photo.name:21} {shape[0]:4} × {shape[1]:<4}  {photo.licence}"
    print(line + (", JPEG" if photo.jpeg else ""))

# %% [markdown]
# Three training photos are JPEGs. JPEG throws away fine detail in 8 × 8 blocks, so their
# "clean" version is already a little smooth and blocky: good enough to cut training
# patches from, but no test photo is a JPEG. None of the test photos is among the 500
# Berkeley photos (BSDS500) on which DnCNN weights are usually trained: scico, which
# published the pretrained weights used below, does not say what they were trained on,
# but its own training examples use BSDS500.
#
# To keep the chapter fast, every validation and test photo is scored on its central
# 256 × 256 pixels, the size of most of Set12's photos. The photos are grey: the
# luminance of the colour ones.

# %%
size = 256
valid = np.stack([centre_crop(load_photo(name), size) for name in split["validation"]])
test = np.stack([centre_crop(load_photo(name), size) for name in split["test"]])
print("validation:", valid.shape, " test:", test.shape)

# %% [markdown]
# ## The literature's protocol
#
# The noise is additive white Gaussian noise with standard deviation σ = 15, 25 and 50 on
# the 0–255 scale of 8-bit pixels, that is 0.059, 0.098 and 0.196 on our [0, 1] scale.
# Unlike the digits of chapters 4 and 5, the noisy values are **not clipped** to [0, 1]:
# a pixel may be −0.1 or 1.2. So the noise keeps a mean of zero everywhere, and there is
# no clipping bias to undo. This is how the DnCNN, FFDNet and DRUNet papers measure, and
# the published numbers below come from exactly this protocol. Only the denoised images
# are clipped to [0, 1] before they are scored, as any saved image would be.

# %%
sigmas = [15, 25, 50]
valid_noisy = {sigma: add_white_noise(valid, sigma / 255, seed=100 + sigma) for sigma in sigmas}
test_noisy = {sigma: add_white_noise(test, sigma / 255, seed=sigma) for sigma in sigmas}
print("σ on the [0, 1] scale:", ", ".join(f"{sigma / 255:.3f}" for sigma in sigmas))
print(f"noisy test pixels at σ = 50: from {test_noisy[50].min():.2f} to {test_noisy[50].max():.2f}")


def scores(restored, clean):
    """PSNR (dB) and SSIM of each photo, after clipping to [0, 1]."""
    restored = np.clip(restored, 0, 1)
    return per_image_psnr(restored, clean), per_image_ssim(restored, clean)


def score_method(name, restore):
    """Restore the test photos at every σ with ``restore(noisy, sigma)``; keep the outputs and their scores."""
    outputs[name] = {sigma: restore(test_noisy[sigma], sigma) for sigma in sigmas}
    results[name] = {sigma: scores(outputs[name][sigma], test) for sigma in sigmas}


outputs, results = {}, {}
score_method("noisy input", lambda noisy, sigma: noisy)


# %% [markdown]
# ## Two classical methods, told σ
#
# **Non-local means** {cite:p}`buades2005` replaces each pixel by an average of pixels
# whose surrounding 5 × 5 patches look alike, within 13 × 13 pixels; how alike they must
# be is set by a filter strength *h*. We try four multiples of σ on the validation photos
# and keep the best at each level.

# %%
def nl_means(images, sigma, strength):
    return np.stack([denoise_nl_means(image, h=strength * sigma, sigma=sigma, patch_size=5, patch_distance=6,
                                      fast_mode=True) for image in images])


strengths = {}
for sigma in sigmas:
    tried = {k: scores(nl_means(valid_noisy[sigma], sigma / 255, k), valid)[0].mean() for k in (0.4, 0.6, 0.8, 1.0)}
    strengths[sigma] = max(tried, key=tried.get)
    print(f"σ = {sigma}: " + "  ".join(f"h = {k}σ: {psnr:.2f} dB" for k, psnr in tried.items())
          + f"  -> {strengths[sigma]}σ")
score_method("non-local means", lambda noisy, sigma: nl_means(noisy, sigma / 255, strengths[sigma]))

# %% [markdown]
# **BM3D** {cite:p}`dabov2007,makinen2020` goes further: it stacks similar blocks into a
# 3-D group, filters the group in a transform domain, and does it twice. It has no
# setting to tune once it is told σ.

# %%
score_method("BM3D", lambda noisy, sigma: np.stack([bm3d.bm3d(image, sigma_psd=sigma / 255) for image in noisy]))

# %% [markdown]
# ## A U-Net, trained here
#
# The convolutional autoencoder of chapter 3 squeezed a digit through a 4 × 4 × 8 code, and
# chapter 5 showed that this bottleneck caps what it can restore. The network that
# practitioners use for denoising keeps the encoder and the decoder but removes the cap:
# the **U-Net** {cite:p}`ronneberger2015`. Its encoder halves the resolution twice while
# widening the features; its decoder doubles it back; and *skip connections* hand each
# decoder level the encoder's features at the same resolution, so fine detail need not
# pass through the bottom. Three more choices come from the denoising literature:
#
# * like DnCNN, it predicts the **noise**, which is subtracted from the input (a
#   *residual* network: it only has to learn what to remove);
# * like FFDNet {cite:p}`zhang2018ffdnet`, it is **told σ** through an extra input, a map
#   filled with σ, so that one network serves every noise level, as BM3D does;
# * also like FFDNet, it first folds each 2 × 2 block of pixels into 4 channels, so every
#   layer works on a quarter of the pixels: four times less computing per layer.

# %%
WIDTH = 48  # filters at the first level; 96 and 192 further down
BATCH, STEPS, EPOCHS = 8, 4500, 5  # 4,500 batches of 8 patches, reported in 5 epochs of 900


def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    return layers.Conv2D(filters, 3, padding="same", activation="relu")(x)


def unet_denoiser(width=WIDTH):
    noisy = keras.Input(shape=(None, None, 1), name="noisy")
    sigma_map = keras.Input(shape=(None, None, 1), name="sigma")
    x = layers.Concatenate()([noisy, sigma_map])
    x = layers.Conv2D(width, 2, strides=2)(x)  # each 2 x 2 block of pixels -> one position
    level1 = conv_block(x, width)  # 1/2 resolution
    level2 = conv_block(layers.MaxPooling2D()(level1), 2 * width)  # 1/4
    bottom = conv_block(layers.MaxPooling2D()(level2), 4 * width)  # 1/8
    x = layers.Conv2DTranspose(2 * width, 2, strides=2)(bottom)
    x = conv_block(layers.Concatenate()([x, level2]), 2 * width)  # skip connection
    x = layers.Conv2DTranspose(width, 2, strides=2)(x)
    x = conv_block(layers.Concatenate()([x, level1]), width)  # skip connection
    noise = layers.Conv2DTranspose(1, 2, strides=2, kernel_initializer="zeros")(x)  # back to full resolution
    model = keras.Model([noisy, sigma_map], layers.Subtract()([noisy, noise]), name="unet_denoiser")
    model.compile(optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(0.002, STEPS, alpha=0.05)),
                  loss="mean_squared_error")
    return model


set_seed(0)
unet = unet_denoiser()
print(f"parameters: {unet.count_params():,}")

# %% [markdown]
# Training patches are 48 × 48 crops, taken in turn from the training photos. A `tf.data`
# pipeline feeds them to the network: each time a patch comes round, it is turned by a
# multiple of 90 degrees, perhaps mirrored, and given fresh noise with a σ drawn between
# 5 and 55, so the network never sees the same noisy patch twice. The learning rate
# starts at 0.002 and decays along a cosine curve to 5 % of that: large steps first,
# small ones to settle. The random draws are seeded, so training gives the same network
# every time and the model cache can keep it.

# %%
train_photos = [load_photo(name) for name in split["train"]]
patches = random_patches(train_photos, size=48, count=4096, seed=0)
pipeline = noisy_patch_pipeline(patches, batch_size=BATCH, sigma_range=(5 / 255, 55 / 255), seed=1)
(noisy_batch, sigma_batch), clean_batch = next(iter(pipeline))
print("one batch:", tuple(noisy_batch.shape), tuple(sigma_batch.shape), "->", tuple(clean_batch.shape))
unet_history = fit_or_load(unet, pipeline, epochs=EPOCHS, steps_per_epoch=STEPS // EPOCHS)


# %%
def with_sigma(images, sigma):
    """Inputs for the U-Net: (n, h, w, 1) noisy images and the matching σ map (0-1 scale)."""
    images = images[..., np.newaxis].astype("float32")
    return [images, np.full_like(images, sigma)]


score_method("U-Net (trained here)",
             lambda noisy, sigma: unet(with_sigma(noisy, sigma / 255), training=False).numpy()[..., 0])

# %% [markdown]
# ## A strong network, trained elsewhere
#
# Our U-Net trained for a few minutes on a few thousand patches. The DnCNN of the
# literature {cite:p}`zhang2017` has 17 layers of 64 filters, 556,032 trainable weights,
# and trains for hours on a GPU. The scientific-computing package scico
# {cite:p}`scico2022` publishes DnCNN-17 weights (BSD licence), trained at
# σ = 0.06, 0.10 and 0.20 on the [0, 1] scale, close to our three levels. A script in
# `tools/` converted them once to the file `lib.pretrained` loads, which checks its
# checksum; a test checks that the port gives scico's own outputs. Two things in it are
# new to this course. **Batch normalisation** rescales each feature to a mean of zero and
# a variance of one, using averages stored at the end of training, and so keeps a deep
# network trainable. **Circular padding** continues the image past each border with the
# opposite border, as if it were wrapped around a cylinder. For each σ we use the weights
# trained nearest to it.

# %%
def dncnn17(images, variant):
    """The pretrained DnCNN-17 ("L", "M" or "H") on (n, h, w) noisy images -> (n, h, w)."""
    return pretrained_dncnn(variant)(images[..., np.newaxis], training=False).numpy()[..., 0]


trainable = sum(int(np.prod(weight.shape)) for weight in pretrained_dncnn("M").trainable_weights)
print(f"DnCNN-17: {trainable:,} trainable weights; trained at σ = {TRAINED_SIGMAS} (0-1 scale)")
for sigma in sigmas:
    print(f"σ = {sigma}: weights trained at σ = {255 * TRAINED_SIGMAS[variant_for(sigma / 255)]:.1f}")
score_method("DnCNN-17 (pretrained)", lambda noisy, sigma: dncnn17(noisy, variant_for(sigma / 255)))

# %% [markdown]
# ## All of them, at three noise levels
#
# Mean PSNR (dB) and SSIM over the five test photos:

# %%
print(f"{'':24}" + "".join(f"{'σ = ' + str(sigma):>17}" for sigma in sigmas))
for method, by_sigma in results.items():
    print(f"{method:24}" + "".join(f"{by_sigma[s][0].mean():9.2f} {by_sigma[s][1].mean():.3f}" for s in sigmas))

# %% [markdown]
# Two claims we hold ourselves to, checked here: the U-Net trained in this chapter beats
# tuned non-local means at σ = 25, and the pretrained DnCNN beats it at every level.

# %%
psnr = {method: {sigma: by_sigma[sigma][0].mean() for sigma in sigmas} for method, by_sigma in results.items()}
print(f"U-Net vs non-local means at σ = 25: {psnr['U-Net (trained here)'][25] - psnr['non-local means'][25]:+.2f} dB")
assert psnr["U-Net (trained here)"][25] > psnr["non-local means"][25]
for sigma in sigmas:
    gain = psnr["DnCNN-17 (pretrained)"][sigma] - psnr["non-local means"][sigma]
    print(f"DnCNN-17 vs non-local means at σ = {sigma}: {gain:+.2f} dB")
    assert gain > 0

# %% [markdown]
# And BM3D, from 2007, beats both networks. The published numbers say otherwise: on
# BSD68, the 68 Berkeley test photos, the DnCNN paper reports DnCNN ahead of BM3D at
# every level. Absolute numbers differ between photo sets (a smooth photo is easier than
# a textured one), so compare each method's **gap to BM3D**:

# %%
published = {"BSD68": {"BM3D": [31.07, 28.57, 25.62], "DnCNN-S": [31.73, 29.23, 26.23],
                       "FFDNet": [31.63, 29.19, 26.29], "DRUNet": [31.91, 29.48, 26.59]},
             "Set12": {"BM3D": [32.37, 29.97, 26.72], "DnCNN-S": [32.86, 30.44, 27.18]}}
print(f"{'gap to BM3D (dB)':34}" + "".join(f"{'σ = ' + str(sigma):>9}" for sigma in sigmas))
for photos, methods in published.items():
    for method, values in methods.items():
        if method != "BM3D":
            gaps = np.subtract(values, methods["BM3D"])
            print(f"{method + ', published, ' + photos:34}" + "".join(f"{gap:+9.2f}" for gap in gaps))
for method in ("DnCNN-17 (pretrained)", "U-Net (trained here)", "non-local means"):
    print(f"{method + ', our test photos':34}" + "".join(f"{psnr[method][s] - psnr['BM3D'][s]:+9.2f}" for s in sigmas))

# %% [markdown]
# Published, DnCNN leads BM3D by about half a decibel; on our photos the pretrained DnCNN
# trails it. Three reasons, each worth remembering when you read a benchmark:
#
# * **Training data.** A network learns the statistics of its training photos. These
#   weights were trained on natural photos like BSD68's; our test set has a brick wall
#   and a studio portrait, whose textures and flat areas it saw less of.
# * **Photo content.** BM3D thrives on *self-similarity*: a brick wall repeats the same
#   block hundreds of times, and BM3D averages all of them. A network with a 35-pixel
#   field of view cannot look that far.
# * **Small test sets.** Five crops of 256 × 256 pixels are a small sample; one textured
#   photo moves the mean. Look at the photos one by one: BM3D wins on four of the five,
#   and by far the most on the brick wall; the U-Net trained here beats non-local means
#   on every photo, on the camera photo only just.

# %%
print(f"{'PSNR at σ = 25':24}" + "".join(f"{name:>11}" for name in split["test"]))
for method in ("non-local means", "BM3D", "U-Net (trained here)", "DnCNN-17 (pretrained)"):
    print(f"{method:24}" + "".join(f"{value:11.2f}" for value in results[method][25][0]))

# %% mystnb={"figure": {"caption": "PSNR against the noise level, mean over the five test photos. The classical methods, the U-Net and the pretrained DnCNN are told \u03c3.", "name": "fig-photo-sigma"}, "image": {"alt": "Falling PSNR curves; BM3D is highest at every level, the pretrained DnCNN just below it, the U-Net trained here and non-local means together at light noise and apart at heavy noise, the noisy input far below."}}
plot_psnr_by_sigma(sigmas, {method: list(by_sigma.values()) for method, by_sigma in psnr.items()})

# %% [markdown]
# PSNR is an average; the eye judges edges and texture. Here is one corner of the camera
# photo at σ = 25, enlarged. At this scale the methods look alike: each keeps the tripod's
# edges, and each flattens the fine texture of the grass behind it, which the clean crop
# shows. That texture, lost to every method, is where the last decibels go.

# %%
crops = {name.split(" (")[0]: by_sigma[25][0][120:216, 100:196] for name, by_sigma in outputs.items()}

# %% mystnb={"figure": {"caption": "A 96 \u00d7 96 corner of the camera photo at \u03c3 = 25, restored by each method, with the clean original last.", "name": "fig-photo-crops"}, "image": {"alt": "Six enlarged crops of the cameraman's tripod; the noisy one is grainy, the four restored ones are smooth and alike, and only the clean one shows the grass texture."}}
show_photos(crops | {"clean": test[0, 120:216, 100:196]}, columns=6, size=2.0)

# %% [markdown]
# ## Colour
#
# A colour photo has three channels, and their noise is independent. BM3D has a colour
# mode: it turns RGB into a luminance and two colour-difference channels, finds similar
# blocks on the luminance alone, where the photo's structure is, and filters all three
# with those groups. The DnCNN was trained on grey photos, so we run it on each of the
# three channels separately. The astronaut photo, in colour, at σ = 25:

# %%
colour = centre_crop(load_photo("astronaut", colour=True), size)
colour_noisy = add_white_noise(colour, 25 / 255, seed=7)
colour_restored = {"noisy": colour_noisy,
                   "BM3D, colour mode": denoise_image(colour_noisy, 25 / 255, "bm3d"),
                   "DnCNN-17, each channel": denoise_image(colour_noisy, 25 / 255, "dncnn"),
                   "clean": colour}
for name, image in list(colour_restored.items())[:-1]:
    print(f"{name:24} PSNR {per_image_psnr(np.clip(image, 0, 1)[None], colour[None])[0]:.2f} dB")

# %% mystnb={"figure": {"caption": "The astronaut photo in colour at \u03c3 = 25, restored by BM3D's colour mode and by the grey DnCNN on each channel.", "name": "fig-photo-colour"}, "image": {"alt": "Four colour crops of the astronaut; the noisy one has coloured speckles, both restorations look clean at this size."}}
show_photos(colour_restored, columns=4)

# %% [markdown]
# BM3D's colour mode wins clearly. It shares what it learns about the structure across
# the channels; the DnCNN denoises three noisy channels separately, without knowing that
# they show the same edges.
#
# ## Any size
#
# Both networks are *fully convolutional*: no layer has a fixed size, so a trained network
# runs on a photo of any size (the U-Net needs sides that are multiples of 8, because it
# halves them three times; pad the photo to get there). Memory is the limit: the DnCNN
# keeps 64 numbers per pixel in each layer, about 1 GB for a 2,000 × 2,000 photo. So
# `lib.denoise.dncnn_denoise` cuts a photo into tiles of 512 × 512 pixels, each with 24
# pixels of margin (more than the 17 pixels the network looks around), and stitches the
# results: memory stays near 80 MB per layer, whatever the photo's size. The whole coffee
# photo, 400 × 600 pixels, which is not a multiple of anything:

# %%
coffee = load_photo("coffee")
coffee_noisy = add_white_noise(coffee, 25 / 255, seed=8)
coffee_restored = dncnn_denoise(coffee_noisy, 25 / 255)
print(coffee_restored.shape, f"PSNR {per_image_psnr(np.clip(coffee_noisy, 0, 1)[None], coffee[None])[0]:.2f} dB"
      f" -> {per_image_psnr(coffee_restored[None], coffee[None])[0]:.2f} dB")

# %% [markdown]
# ## When nobody tells you σ
#
# Every method above was told σ. A photo of your own comes without it. scikit-image's
# `estimate_sigma` guesses it from the finest diagonal wavelet coefficients: in a natural
# photo these are mostly noise, and their median absolute value, suitably scaled, is
# the noise's standard deviation for Gaussian noise {cite:p}`donoho1994`. How close is it
# on our test photos?

# %%
for sigma in sigmas:
    estimates = [255 * estimate_noise_sigma(image) for image in test_noisy[sigma]]
    print(f"true σ = {sigma}: estimated " + ", ".join(f"{value:.1f}" for value in estimates))

# %% [markdown]
# Close: within about one unit of the true σ on every test photo. What does denoising
# with the estimate cost? At σ = 25, BM3D and the DnCNN, told σ (from the table above)
# and given the estimate:

# %%
for method, name in (("bm3d", "BM3D"), ("dncnn", "DnCNN-17 (pretrained)")):
    guessed = np.stack([denoise_image(image, estimate_noise_sigma(image), method) for image in test_noisy[25]])
    print(f"{name:22} told σ: {psnr[name][25]:.2f} dB   estimated σ: {per_image_psnr(guessed, test).mean():.2f} dB")

# %% [markdown]
# Nothing measurable, for white Gaussian noise. The next section shows noise for which one
# number is not enough.

# %% [markdown]
# ## Real camera noise is not Gaussian
#
# A camera sensor counts photons, and photon counts follow a Poisson law: a pixel that
# collects *N* photons on average varies by √*N*. So the noise is larger in bright areas
# than in dark ones, and the camera's processing (demosaicing, sharpening, JPEG) then
# correlates it between neighbouring pixels and colours. Denoisers trained on white
# Gaussian noise suffer for it. On SIDD, a benchmark of real smartphone photos
# {cite:p}`abdelhamed2018`, the published PSNRs {cite:p}`zamir2021` put a DnCNN trained on
# Gaussian noise below BM3D, and networks trained on pairs of real noisy and clean photos
# far above both:

# %%
sidd_published = {"DnCNN, trained on Gaussian noise": 23.66, "BM3D": 25.65, "MPRNet, trained on real noise": 39.71}
for method, value in sidd_published.items():
    print(f"SIDD, published: {method:33} {value:.2f} dB")

# %% [markdown]
# Here is a small experiment of ours with the first part of the problem,
# signal-dependent noise. Each test photo catches 60 photons at full brightness, plus
# read noise of σ = 2 (0–255 scale), so the noise grows with the brightness:

# %%
peak, read_sigma = 60, 2 / 255
for brightness in (0.1, 0.5, 0.9):
    print(f"pixel value {brightness}: noise σ = {255 * np.sqrt(brightness / peak + read_sigma**2):.1f}")
camera_noisy = add_poisson_gaussian_noise(test, peak, read_sigma, seed=9)
print(f"noisy input: {scores(camera_noisy, test)[0].mean():.2f} dB")
as_gaussian = np.stack([denoise_image(image, estimate_noise_sigma(image), "bm3d") for image in camera_noisy])
print(f"BM3D with one estimated σ for the whole photo: {scores(as_gaussian, test)[0].mean():.2f} dB")

# %% [markdown]
# One σ cannot fit both the dark and the bright parts of the photo. A better way: the
# Anscombe transform {cite:p}`makitalo2011` rescales the noisy values so
# that their noise has the same variance everywhere, close to 1. Gaussian denoisers then
# work as designed; the inverse transform brings the result back.

# %%
stabilised = anscombe(camera_noisy, peak, read_sigma)
low, high = anscombe(0.0, peak, read_sigma), anscombe(1.0, peak, read_sigma)
unit = (stabilised - low) / (high - low)  # back to about [0, 1]; the noise now has σ = 1 / (high - low)
denoised = np.stack([denoise_image(image, 1 / (high - low), "bm3d") for image in unit])
via_anscombe = inverse_anscombe(denoised * (high - low) + low, peak, read_sigma)
print(f"noise σ after the transform: {255 / (high - low):.1f} on the 0-255 scale")
print(f"BM3D after the Anscombe transform: {scores(via_anscombe, test)[0].mean():.2f} dB")

# %% [markdown]
# ## Exercises
#
# **Exercise 8.1.** The U-Net was trained for a few minutes. Train the same network twice
# as long (`STEPS = 2 * STEPS`, then rebuild and refit it) and see how much of the gap to
# the pretrained DnCNN that closes at σ = 25.
#
# **Exercise 8.2.** What does it cost to tell the DnCNN the wrong noise level? Denoise the
# σ = 25 test photos with the weights trained at σ = 0.20 (0.2 × 255 = 51) and at 0.06 (15).

# %% tags=["hide-cell"]
# Solution to exercise 8.2: both lose several decibels. The weights trained for weaker
# noise leave much of it in; the ones trained for stronger noise smooth away detail.
print(f"weights M (trained at σ = {255 * TRAINED_SIGMAS['M']:.1f}): {psnr['DnCNN-17 (pretrained)'][25]:.2f} dB")
for variant in ("L", "H"):
    print(f"weights {variant} (trained at σ = {255 * TRAINED_SIGMAS[variant]:.1f}): "
          f"{scores(dncnn17(test_noisy[25], variant), test)[0].mean():.2f} dB")


# %% [markdown]
# ## Denoise your own image
#
# `lib.denoise` wraps all of this in one command. It reads any image Pillow reads (grey,
# colour, with transparency, 8 or 16 bits per channel, any size), estimates σ unless you
# give it, denoises with BM3D, or with `--method dncnn` about three times faster and a
# little worse, and writes the result in the input's format. It never touches the input,
# and refuses to overwrite an existing file unless told `--replace`:
#
# ```bash
# python -m lib.denoise noisy.png denoised.png                  # σ estimated, BM3D
# python -m lib.denoise noisy.png denoised.png --sigma 25       # σ on the 0-255 scale
# python -m lib.denoise noisy.png denoised.png --method dncnn   # faster
# ```
#
# The same from Python, on the camera photo at σ = 25 saved as an 8-bit PNG file:

# %%
folder = Path(tempfile.mkdtemp())
Image.fromarray(np.round(np.clip(test_noisy[25][0], 0, 1) * 255).astype("uint8")).save(folder / "camera_noisy.png")
for method in METHODS:
    used = denoise_file(folder / "camera_noisy.png", folder / f"camera_{method}.png", method=method)
    result = np.asarray(Image.open(folder / f"camera_{method}.png"), dtype="float64") / 255
    print(f"{method:6} σ estimated {used:.1f}   PSNR {per_image_psnr(result[None], test[:1])[0]:.2f} dB")

# %% [markdown]
# A file is not the array of the table above. Saving to 8 bits rounds every pixel and
# clips the noise at black and white, so σ is estimated a little low and both scores
# fall a little below the camera photo's in the per-photo table.
#
# Now your turn: name a photo of yours below and run the cell. The result lands beside it
# with `_denoised` added to its name.

# %%
your_photo = None  # for example "~/Pictures/evening.jpg"

if your_photo:
    source = Path(your_photo).expanduser()
    target = source.with_name(source.stem + "_denoised.png")
    used = denoise_file(source, target)
    print(f"σ estimated {used:.1f}; written to {target}")

