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
# # Limits of autoencoders: what 32 numbers can hold
#
# The autoencoder of [chapter 2](02_simple_autoencoder.ipynb) squeezes each digit into
# 32 numbers, its code, and redraws the digit from them. What has it learned, and where
# does that stop helping? The article's introduction warns, without showing it, that an
# autoencoder trained on digits will not work on other images, and that its compression
# is lossy, so it is no replacement for zip. This chapter measures both limits, then how
# the size of the code moves them, and ends inside the code space: what the 32 numbers
# keep, and why that explains both limits.

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    import lib

# %%
import string

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE
from sklearn.neighbors import NearestNeighbors

from lib import recipes
from lib.compression import (dequantise_codes, gzip_size_together, gzip_sizes, jpeg_roundtrip, png_sizes,
                             quantise_codes, to_uint8)
from lib.data import load_fashion_mnist, mnist_splits, scale_to_unit
from lib.letters import render_letters
from lib.metrics import per_image_mse, per_image_psnr
from lib.ood import roc
from lib.plots import plot_histograms, plot_rate_distortion, plot_roc, scatter_by_label, show_image_rows

# %% [markdown]
# ## The digit autoencoder
#
# The same arrays and model as in chapter 2: `lib.recipes.dense_autoencoder()` builds the
# 784 → 32 → 784 network and trains it as chapter 2 did, which loads chapter 2's weights
# from the model cache (or trains them, if this chapter runs first). It also hands back
# the encoder and the decoder.

# %%
splits = mnist_splits()
x_train = splits.x_train.reshape(-1, 784)
x_test = splits.x_test.reshape(-1, 784)

(autoencoder, encoder, decoder), _ = recipes.train(recipes.dense_autoencoder(code_size=32))

# %% [markdown]
# ## Data-specific: letters and clothes
#
# To test the first claim we need images that are *not* digits but are otherwise made
# like MNIST. For letters, `lib.letters.render_letters` draws A to Z in the twelve DejaVu
# fonts that matplotlib ships (sans, serif and monospace, regular and bold, upright and
# slanted) and processes each the way MNIST's digits were processed {cite:p}`lecun1998`:
# fitted into a 20 × 20 box with the aspect ratio kept, anti-aliased, and placed in a
# 28 × 28 frame with its centre of mass in the middle, white ink on black.
#
# For clothes we take the test set of Fashion-MNIST {cite:p}`xiao2017`: 10,000 grey
# 28 × 28 photos of shirts, shoes and bags, made to be a drop-in replacement for MNIST.
# `lib.data.load_fashion_mnist` reads it from the folder named by
# `COURSE_FASHION_MNIST_PATH` or lets Keras download it.

# %%
letters, letter_labels = render_letters(string.ascii_uppercase)
(_, _), (fashion_test, _) = load_fashion_mnist()
clothes = scale_to_unit(fashion_test)
print("letters:", letters.shape, " clothes:", clothes.shape, " digits:", splits.x_test.shape)

# %% [markdown]
# Each set goes through the digit autoencoder, and for each image we measure the
# reconstruction error: the mean squared difference between the image and what came
# back, over its 784 pixels.

# %%
images = {"digits": x_test, "letters": letters.reshape(-1, 784), "clothes": clothes.reshape(-1, 784)}
decoded = {name: autoencoder.predict(batch, verbose=0) for name, batch in images.items()}
errors = {name: per_image_mse(decoded[name], batch) for name, batch in images.items()}
for name, error in errors.items():
    print(f"{name:8} {len(error):6,} images   reconstruction error: median {np.median(error):.4f} "
          f"({np.median(error) / np.median(errors['digits']):.1f} × the digits'), mean {error.mean():.4f}")

# %% [markdown]
# The median letter comes back with about twice the error of the median digit, the median
# piece of clothing with 15 times as much. Letters are made of strokes, like digits, and
# many survive, wobblier and blurred: the A, F, Z, O and T are still readable, while the K
# is smeared and the U's arms end in blobs. Clothes do not survive at all: the decoder can
# only draw what it learned, and turns shoes, trousers and shirts into scattered bits of
# digit strokes.

# %% mystnb={"figure": {"caption": "Digits, letters and clothes and what the digit autoencoder makes of them (the row below each).", "name": "fig-limits-decoded"}, "image": {"alt": "Six rows of ten small images: test digits and their blurred but recognisable reconstructions; letters whose reconstructions are blurred and wobbly but mostly readable; clothes whose reconstructions are scattered fragments of strokes."}}
pick = np.arange(10) * 31  # ten different letters, each in another font
show_image_rows({"digits": images["digits"], "decoded digits": decoded["digits"],
                 "letters": images["letters"][pick], "decoded letters": decoded["letters"][pick],
                 "clothes": images["clothes"], "decoded clothes": decoded["clothes"]})

# %% [markdown]
# The histograms of the per-image errors (on a log scale) show the same: clothes lie far
# to the right of the digits, with little overlap, while the letters overlap the upper
# half of the digits.

# %% mystnb={"figure": {"caption": "Per-image reconstruction error of the digit autoencoder on test digits, letters and Fashion-MNIST test images; each bar is the share of its set in that bin.", "name": "fig-limits-errors"}, "image": {"alt": "Three histograms on a logarithmic error axis: clothes far to the right of the digits, letters overlapping the digits' upper half."}}
plot_histograms(errors, xlabel="reconstruction error per image (mean squared error, log scale)")

# %% [markdown]
# ### Turning the weakness into a detector
#
# An autoencoder that fails on what it has not seen can *flag* what it has not seen: call
# an image "not a digit" when its reconstruction error exceeds a threshold. Each threshold
# flags some digits by mistake (false alarms) and catches some outliers; the receiver
# operating characteristic (ROC) traces both rates over all thresholds, and the area under
# it (AUROC) is the chance that a random outlier scores a higher error than a random digit
# (0.5 is a coin toss, 1 a perfect detector).

# %%
curves = {"digits vs letters": roc(errors["digits"], errors["letters"]),
          "digits vs clothes": roc(errors["digits"], errors["clothes"])}
for name, curve in curves.items():
    print(f"{name}: AUROC {curve.auroc:.4f}; caught when 5% of digits are flagged: "
          f"{curve.detected_at(0.05):.1%}")

# %% mystnb={"figure": {"caption": "ROC curves of out-of-distribution detection by reconstruction error: the share of outliers flagged against the share of test digits flagged.", "name": "fig-limits-roc"}, "image": {"alt": "Two ROC curves above the diagonal of chance: the one for clothes hugs the top left corner, the one for letters rises slowly."}}
plot_roc(curves)

# %% [markdown]
# Clothes are easy to flag: AUROC 0.9968, and a threshold that flags 5% of the test
# digits catches 98.6% of the clothes. Letters are much harder: AUROC 0.7985, and only
# 43.9% caught at the same 5% of false alarms. The reconstruction error measures "unlike
# what the model was trained on", not "not a digit", and a model that has learned to
# redraw strokes redraws the strokes of letters too.
#
# So the autoencoder is specific to digits. Is it at least a good compressor of digits?
#
# ## Lossy: can it replace zip?
#
# zip and gzip use the same compression (DEFLATE); PNG uses it too, after predicting each
# row from the one above. All three are *lossless*: the file gives back every grey level
# exactly. JPEG and the autoencoder are *lossy*: they return an approximation, and trade
# the **rate**, how many bytes (or bits) they store per image, against the
# **distortion**, how far what comes back is from the original: fewer bytes, more error.
# Distortion plotted against rate gives a codec's **rate–distortion curve**, and comparing
# codecs means comparing curves: which loses least for the same bytes. (Rate–distortion
# theory {cite:p}`cover2006` asks for the best curve any codec could reach.) We measure
# the rate in bytes per test image and the distortion with the peak signal-to-noise ratio,
# $\mathrm{PSNR} = 10 \log_{10}(1 / \mathrm{MSE})$ in dB for pixel values in [0, 1],
# averaged over the 10,000 test images (higher PSNR is less distortion; an exact copy has
# infinite PSNR).
#
# The lossless codecs first, each on the test images as stored, one byte per pixel:

# %%
stored = to_uint8(splits.x_test)
print("stored test images:", stored.shape, stored.dtype)
lossless = {"raw bytes": 784.0, "gzip, each image": gzip_sizes(stored).mean(),
            "gzip, whole test set": gzip_size_together(stored), "PNG, each image": png_sizes(stored).mean()}
for name, size in lossless.items():
    print(f"{name:21} {size:6.1f} bytes per image, exact")

# %% [markdown]
# gzip brings a digit from 784 bytes down to 202.4, and to 160.2 when the whole test set
# is one file, so that patterns shared between digits are stored once. PNG needs 274.0:
# for an image this small, its fixed headers and chunk checksums weigh a lot. Now JPEG,
# at six quality settings of Pillow:

# %%
qualities = [5, 10, 25, 50, 75, 95]
jpeg_bytes, jpeg_psnr = [], []
for quality in qualities:
    sizes, jpeg_decoded = jpeg_roundtrip(stored, quality)
    jpeg_bytes.append(sizes.mean())
    jpeg_psnr.append(per_image_psnr(jpeg_decoded / 255, splits.x_test).mean())
    print(f"JPEG quality {quality:2}: {jpeg_bytes[-1]:6.1f} bytes per image, PSNR {jpeg_psnr[-1]:.2f} dB")

# %% [markdown]
# On these tiny images JPEG is both lossy and larger: even at quality 5 it takes
# 379.7 bytes, more than the exact PNG, because every JPEG file carries its own
# quantisation and Huffman tables, which here weigh more than the picture. At quality 95
# it needs 768.6 bytes, almost the raw size, and is still not exact (46.73 dB).
#
# For the autoencoder, an image is stored as its code, one byte per value (as in
# exercise 2.3): each value is rounded to one of 256 levels between 0 (the ReLU never
# gives less) and the largest value the encoder gives on the training set. The decoder,
# shared by every image like a JPEG or PNG decoder, is counted apart.
#
# The code size sets the autoencoder's rate, so we train the same dense autoencoder with
# codes of 4, 8, 16, 32 and 64 values, for 10 epochs instead of chapter 2's 50 to keep
# the chapter quick; the 50-epoch model loaded above is scored beside them.

# %%
code_sizes = [4, 8, 16, 32, 64]
coders = {}
for code_size in code_sizes:
    print(f"code size {code_size}:")
    (model, model_encoder, model_decoder), _ = recipes.train(recipes.dense_autoencoder(code_size, epochs=10))
    coders[code_size] = (model, model_encoder, model_decoder)
coders["32, 50 epochs"] = (autoencoder, encoder, decoder)

# %%
code_bytes, code_psnr, float_psnr = {}, {}, {}
for name, (model, model_encoder, model_decoder) in coders.items():
    high = float(model_encoder.predict(x_train, verbose=0).max())
    codes = model_encoder.predict(x_test, verbose=0)
    quantised = quantise_codes(codes, high)
    restored = model_decoder.predict(dequantise_codes(quantised, high), verbose=0)
    code_bytes[name] = quantised[0].nbytes
    code_psnr[name] = per_image_psnr(restored, x_test).mean()
    float_psnr[name] = per_image_psnr(model.predict(x_test, verbose=0), x_test).mean()
    print(f"code size {str(name) + ':':15} {code_bytes[name]:2} bytes per image, PSNR {code_psnr[name]:.2f} dB "
          f"(float32 codes: {float_psnr[name]:.2f} dB)")

# %% [markdown]
# 32 bytes give 20.72 dB after 10 epochs and 20.95 dB after 50; rounding the codes to
# 8 bits costs a few hundredths of a dB at most. Each doubling of the code buys more PSNR
# than the one before. All the codecs in one plot of rate against distortion: the higher
# and further left a point, the better.

# %% mystnb={"figure": {"caption": "Bytes per test image against PSNR: JPEG at six qualities, the autoencoders' 8-bit codes at five code sizes (10 epochs) and chapter 2's 50-epoch model; the dashed lines mark the lossless formats, which have infinite PSNR.", "name": "fig-limits-rate-distortion"}, "image": {"alt": "A log-scale plot of bytes against PSNR: the autoencoder points sit far to the left at low PSNR, the JPEG curve far to the right, and the dashed lossless lines lie between them."}}
plot_rate_distortion(
    {"autoencoder, 8-bit codes (10 epochs)": (code_sizes, [code_psnr[size] for size in code_sizes]),
     "autoencoder, 32 values, 50 epochs": ([code_bytes["32, 50 epochs"]], [code_psnr["32, 50 epochs"]]),
     "JPEG (Pillow), quality 5 to 95": (jpeg_bytes, jpeg_psnr)},
    {name: size for name, size in lossless.items() if name != "raw bytes"})

# %% [markdown]
# What the 32 bytes cost besides the codes, and what they give back:

# %%
decoder_bytes = decoder.count_params() * 4
typical_error = np.sqrt(np.mean((decoded["digits"] - x_test) ** 2)) * 255
print(f"decoder: {decoder.count_params():,} parameters = {decoder_bytes:,} bytes as float32")
print(f"reconstructed test digits: root-mean-square pixel error {typical_error:.1f} grey levels of 255")
print(f"images needed before codes + decoder are smaller than PNG: "
      f"{decoder_bytes / (lossless['PNG, each image'] - code_bytes['32, 50 epochs']):,.0f}")

# %% [markdown]
# **Can it replace zip? No.** zip gives back every grey level, at 202.4 bytes a test digit
# (PNG 274.0). The autoencoder's 32 bytes give back a different image, at 20.95 dB: a
# root-mean-square error of 24.9 grey levels out of 255, the blur of chapter 2. As a
# *lossy* codec it does well on digits: JPEG's smallest files (379.7 bytes) give 20.68 dB.
# But the codes need the decoder, 103,488 bytes of weights, which pays off against PNG
# only after 428 images; and it only works on digits.
#
# ## One setting, two limits: the code size
#
# Both limits depend on how many numbers the code keeps: a larger code loses less. Does it
# stay as specific to digits, or does it learn to copy letters and clothes as well?

# %%
for code_size in code_sizes:
    model = coders[code_size][0]
    error = {name: per_image_mse(model.predict(batch, verbose=0), batch) for name, batch in images.items()}
    print(f"code size {code_size:2}: AUROC digits vs letters {roc(error['digits'], error['letters']).auroc:.4f}, "
          f"digits vs clothes {roc(error['digits'], error['clothes']).auroc:.4f}")

# %% [markdown]
# For clothes it does, for letters not. With 64 values the autoencoder separates clothes
# almost perfectly (0.9998) but letters worse (0.7440) than with 8 values (0.8695): a
# wider code lets more of any stroke pattern through, letters included. The code that
# reconstructs digits best is not the one that detects letters best.
#
# ## Inside the code space
#
# So far we have judged the codes by what the decoder makes of them. What do the 32
# numbers themselves hold? Projected to two dimensions, the codes of the test set
# show how the encoder arranges digits. PCA keeps the two directions along which the
# codes vary most; t-SNE {cite:p}`vandermaaten2008` instead keeps near neighbours near,
# at the cost of distances between groups. t-SNE is slow on 10,000 points, so both plots
# show the same 2,000 test images, drawn at random with a fixed seed (PCA is fitted on
# all 10,000 codes).

# %%
test_codes = encoder.predict(x_test, verbose=0)
subset = np.random.default_rng(0).choice(len(test_codes), size=2000, replace=False)
pca_points = PCA(n_components=2).fit(test_codes).transform(test_codes[subset])
tsne_points = TSNE(n_components=2, init="pca", random_state=0).fit_transform(test_codes[subset])
print("codes:", test_codes.shape, " projected:", pca_points.shape, tsne_points.shape)

# %% mystnb={"figure": {"caption": "The 32-value codes of 2,000 test digits projected to two dimensions by PCA (left) and t-SNE (right), coloured by the digit they encode.", "name": "fig-limits-code-space"}, "image": {"alt": "Two scatter plots of coloured dots: on the left the ten digit colours overlap in one cloud; on the right they form ten mostly separate clusters."}}
scatter_by_label({"PCA": pca_points, "t-SNE": tsne_points}, splits.y_test[subset])

# %% [markdown]
# How well do the pictures keep the digits apart? One number for each: how often an
# image's nearest neighbour (among the 2,000) shows the same digit, in pixel space, in
# code space and in the two projections.

# %%
def same_digit_as_nearest(points, labels):
    """Share of points whose nearest other point (Euclidean) has the same label."""
    nearest = NearestNeighbors(n_neighbors=2).fit(points).kneighbors(points)[1][:, 1]
    return np.mean(labels[nearest] == labels)


labels = splits.y_test[subset]
for name, points in {"pixels (784)": x_test[subset], "codes (32)": test_codes[subset],
                     "PCA (2)": pca_points, "t-SNE (2)": tsne_points}.items():
    print(f"{name:13} nearest neighbour is the same digit: {same_digit_as_nearest(points, labels):.3f}")

# %% [markdown]
# In the 32-number codes, an image's nearest neighbour shows the same digit in 0.916 of
# the cases, almost as often as in the 784 pixels (0.921): the encoder keeps which digits
# look alike. PCA's two directions lose most of that (0.284): the 1s gather at one end and
# the 0s at the other, the rest overlap. t-SNE keeps the neighbourhoods (0.906) and shows
# clusters, with 4, 7 and 9 touching and 3, 5 and 8 side by side, digits that people
# confuse too.
#
# ### Interpolation: in code space and in pixel space
#
# Walk from a test 1 to a test 0 in ten steps, as in exercise 2.2: once by averaging the
# two images, once by averaging their codes and decoding.

# %%
first, second = np.flatnonzero(splits.y_test == 1)[0], np.flatnonzero(splits.y_test == 0)[0]
steps = np.linspace(0, 1, 11)[:, np.newaxis]
pixel_path = (1 - steps) * x_test[first] + steps * x_test[second]
code_path = decoder.predict((1 - steps) * test_codes[first] + steps * test_codes[second], verbose=0)

# %% mystnb={"figure": {"caption": "From a 1 to a 0 in ten steps: averaging pixels (top) and averaging codes, then decoding (bottom).", "name": "fig-limits-interpolation"}, "image": {"alt": "Two rows of eleven images going from a 1 to a 0: the top row shows both digits at once, one fading out and the other in; in the bottom row the 1 dims into faint broken strokes before the 0 appears."}}
show_image_rows({"pixels": pixel_path, "codes": code_path}, n=11, titles=[f"{t:.1f}" for t in steps[:, 0]])

# %% [markdown]
# Neither path passes through digits. Averaging pixels gives a double exposure: a fading 1
# on top of a growing 0. Averaging codes gives one image at a time, but the middle ones
# are faint, broken strokes that are neither digit: nothing in training asked the codes
# *between* digits to decode to anything sensible. Variational autoencoders
# {cite:p}`kingma2014` add exactly that requirement, at some cost in sharpness.
#
# The codes, then, hold digits and only digits, and the decoder draws nothing else: what
# is not a digit comes back as digit strokes. That is why the autoencoder fails on
# clothes, and also why an autoencoder can denoise ([chapter 4](04_denoising.ipynb)):
# noise is not a digit either (exercise 7.2 measures how foreign it looks).
#
# ## What we saw
#
# An autoencoder learns to describe its training images in a few numbers; the article's
# two warnings follow from that.
#
# - **Data-specific.** The digit autoencoder reconstructs letters with twice the median
#   error of digits and clothes with 15 times. Flagging high errors detects clothes
#   almost perfectly (AUROC 0.9968) but letters only moderately (AUROC 0.7985): letters
#   are made of strokes too.
# - **Lossy.** 32 one-byte code values per digit come back at 20.95 dB, where gzip
#   (202.4 bytes) and PNG (274.0) are exact: no replacement for zip. As a lossy codec it
#   beats JPEG on digits (379.7 bytes for 20.68 dB), if many images share its decoder.
# - **Code size.** More code values reconstruct better, but beyond 8 values they detect
#   letters worse.
# - **Code space.** The codes keep which digits look alike (nearest neighbour the same
#   digit in 0.916 of the cases), but between two codes lie broken strokes, not digits:
#   the decoder draws only what it learned.
#
# ## Exercises
#
# **Exercise 7.1.** Which letters does the digit autoencoder reconstruct best, and which
# worst? Average the error of each letter over the twelve fonts.

# %% tags=["hide-cell"]
# Solution to exercise 7.1: mean reconstruction error per letter, smallest first
per_letter = {letter: errors["letters"][letter_labels == letter].mean() for letter in string.ascii_uppercase}
ranked = sorted(per_letter, key=per_letter.get)
print("best: ", ", ".join(f"{letter} {per_letter[letter]:.4f}" for letter in ranked[:5]))
print("worst:", ", ".join(f"{letter} {per_letter[letter]:.4f}" for letter in ranked[-5:]))
# The best, J, S, O, Q and I, are letters of one or two strokes, four of them close to
# digits (S like 5, O and Q like 0, I like 1); the worst, M, N, W, K and X, are wide
# letters with diagonal strokes, shapes no digit has.

# %% [markdown]
# **Exercise 7.2.** Is a noisy digit "out of distribution"? Add Gaussian noise with
# σ = 0.2, as in [chapter 4](04_denoising.ipynb), to the test digits and see whether the
# reconstruction error tells noisy digits from clean ones.

# %% tags=["hide-cell"]
# Solution to exercise 7.2: score the noisy digits against the clean originals' errors
noisy = recipes.noisy(x_test, "test")  # σ = 0.2, chapter 4's test noise
noisy_error = per_image_mse(autoencoder.predict(noisy, verbose=0), noisy)
print(f"median error: clean {np.median(errors['digits']):.4f}, noisy {np.median(noisy_error):.4f}")
print(f"AUROC clean vs noisy digits: {roc(errors['digits'], noisy_error).auroc:.4f}")
# Almost perfectly: to this detector, noise is as foreign as a shoe. Reconstruction error
# flags anything unlike the training images, whatever the reason.

# %% [markdown]
# **Exercise 7.3.** A detector in use needs one threshold, chosen before any outlier has
# been seen. How would you choose it, and what does "caught when 5% of digits are
# flagged" above tell you about that choice?
#
# :::{dropdown} Solution to exercise 7.3
# Choose it from digits alone, on images the model was not trained on: for instance the
# error that 95% of the validation digits stay below. About 5% of new digits will then be
# flagged by mistake. The figures above (98.6% of the clothes, 43.9% of the letters) say
# what such a threshold would catch, if new digits look like the test digits. Which
# false-alarm rate to accept depends on what a missed outlier and a false alarm each
# cost, not on the ROC.
# :::
