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
# # Denoising: training on noisy inputs, clean targets
#
# So far the autoencoders had to give back the very image they were shown. Now we change
# one thing: the input is a noisy image, the target stays the clean one {cite:p}`vincent2008`.
# To succeed, the network must keep what belongs to the digit and drop what does not.
# Because the noise differs in every image while the digits' strokes follow patterns, a
# small autoencoder can learn exactly that.

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    import lib

# %%
import ipywidgets as widgets
import numpy as np

from lib import recipes
from lib.cache import fit_or_load
from lib.data import mnist_splits
from lib.metrics import mean_squared_error, per_image_mse
from lib.models import convolutional_autoencoder
from lib.noise import add_gaussian_noise
from lib.plots import plot_losses, show_image_rows
from lib.training import set_seed

# %%
splits = mnist_splits()
x_train = splits.x_train[..., np.newaxis]
x_valid = splits.x_valid[..., np.newaxis]
x_test = splits.x_test[..., np.newaxis]
print("training:", x_train.shape, " validation:", x_valid.shape, " test:", x_test.shape)

# %% [markdown]
# ## Adding noise
#
# Following the article, every pixel $x$ gets Gaussian noise with standard deviation
# σ = 0.2 (a fifth of the full grey scale) and the result is clipped back to [0, 1]:
#
# $$\tilde x = \min\bigl(1, \max(0,\; x + \sigma \varepsilon)\bigr), \qquad \varepsilon \sim \mathcal{N}(0, 1).$$
#
# Each set gets its own seeded draw, so the noise is the same on every run but the
# validation and test images never share noise with the training images.

# %%
x_train_noisy = add_gaussian_noise(x_train, sigma=0.2, seed=1)
x_valid_noisy = add_gaussian_noise(x_valid, sigma=0.2, seed=2)
x_test_noisy = add_gaussian_noise(x_test, sigma=0.2, seed=3)
print("noisy training images:", x_train_noisy.shape, x_train_noisy.dtype,
      " range:", x_train_noisy.min(), "to", x_train_noisy.max())

# %% [markdown]
# Clipping changes the noise. On the black background a negative draw is cut off at 0,
# a positive one is kept, so on average the background gets *brighter*; on white strokes
# it is the other way round. The noise is no longer zero on average: it is biased.

# %%
difference = x_test_noisy - x_test
background = x_test == 0
print(f"pixels clipped to 0 or 1:          {np.mean((x_test_noisy == 0) | (x_test_noisy == 1)):.1%}")
print(f"mean change on background pixels:  {difference[background].mean():+.3f}")
print(f"mean change on white pixels (1.0): {difference[x_test == 1].mean():+.3f}")
print(f"noise standard deviation overall:  {difference.std():.3f} (before clipping: 0.2)")

# %% mystnb={"figure": {"caption": "Ten test digits before and after Gaussian noise with \u03c3 = 0.2, clipped to [0, 1].", "name": "fig-noisy"}, "image": {"alt": "Two rows of ten handwritten digits: clean on top, covered in grey speckle below."}}
show_image_rows({"original": x_test, "noisy": x_test_noisy}, titles=splits.y_test[:10])

# %% [markdown]
# ## The denoiser
#
# A fresh copy of the convolutional autoencoder from
# [chapter 3](03_convolutional_autoencoder.ipynb), built by `convolutional_autoencoder()`
# (chapter 3 checked that it is the same architecture), trained with the noisy images as
# inputs and the clean images as targets. Everything else stays: 50 epochs, batches of
# 128, binary cross-entropy, Adam. The validation pairs are noisy → clean as well.

# %%
set_seed(0)
denoiser = convolutional_autoencoder(name="denoiser")
history = fit_or_load(denoiser, x_train_noisy, x_train, epochs=50, batch_size=128,
                      validation_data=(x_valid_noisy, x_valid))

# %% mystnb={"figure": {"caption": "Training (dashed) and validation (solid) loss of the denoiser per epoch; the dotted line is the article's final validation loss.", "name": "fig-denoiser-loss"}, "image": {"alt": "Two falling loss curves that flatten out near the dotted line of the article's value."}}
plot_losses({"denoiser": history}, reference={"article: 0.0992": 0.0992})

# %%
val_loss = history.history["val_loss"][-1]
print(f"final validation loss: {val_loss:.4f} (article: 0.0992)")
assert val_loss <= 0.0992 + 0.005, "the denoiser trains worse than the article's"

# %% [markdown]
# The next chapter measures this denoiser against other methods. It gets it through
# `lib.recipes.denoiser()`, and the noisy images through `lib.recipes.noisy_splits()`,
# which adds this same noise with the same seeds. The check that the recipe is exactly
# the training above:

# %%
recipes.check(recipes.denoiser(), history)

# %% [markdown]
# ## Noisy in, clean out
#
# The denoiser has never seen these test images or their noise. Top: the clean digits;
# middle: what the denoiser is given; bottom: what it makes of it.

# %% mystnb={"figure": {"caption": "Clean test digits (top), the noisy inputs (middle) and the denoiser's outputs (bottom).", "name": "fig-denoised"}, "image": {"alt": "Three rows of ten digits: clean, speckled with noise, and cleaned but slightly blurred."}}
x_test_denoised = denoiser.predict(x_test_noisy, verbose=0)
show_image_rows({"original": x_test, "noisy": x_test_noisy, "denoised": x_test_denoised},
                titles=splits.y_test[:10])

# %% [markdown]
# The grain is gone and the background is black again: the denoiser learned to undo the
# clipping bias too, since its targets are clean. The digits come out as blurred as the
# reconstructions of chapter 3, which is where this little network's limit lies: it must
# push every digit through a 4 × 4 × 8 code.
#
# How far is the output from the clean image, measured as mean squared error per pixel?

# %%
print(f"noisy input vs clean:     {mean_squared_error(x_test_noisy, x_test):.4f}")
print(f"denoised output vs clean: {mean_squared_error(x_test_denoised, x_test):.4f}")

# %% [markdown]
# Denoising roughly halves the squared error. That is close to what the same network
# reaches when it only has to copy *clean* digits (exercise 4.1 below): the 4 × 4 × 8
# bottleneck, more than the noise, limits how close to the original it can get.

# %% [markdown]
# ## Try other noise levels
#
# The denoiser was trained at σ = 0.2 only. In Jupyter, move the slider to see how it copes
# with lighter and heavier noise (the published page shows a static version below).

# %% tags=["remove-output", "nbval-ignore-output"]
def show_denoising(sigma=0.2):
    noisy = add_gaussian_noise(x_test[:10], sigma=sigma, seed=3)
    show_image_rows({f"noisy, σ={sigma:.2f}": noisy, "denoised": denoiser.predict(noisy, verbose=0)})


widgets.interact(show_denoising, sigma=widgets.FloatSlider(value=0.2, min=0.0, max=0.6, step=0.05));

# %% mystnb={"figure": {"caption": "The denoiser trained at \u03c3 = 0.2, given the same five test digits with noise from \u03c3 = 0.1 to 0.5.", "name": "fig-sigma-sweep"}, "image": {"alt": "Pairs of rows of five digits, noisy and denoised, for growing noise; the cleaned digits degrade above \u03c3 = 0.3."}}
sweep = {}
for sigma in (0.1, 0.2, 0.3, 0.5):
    noisy = add_gaussian_noise(x_test[:5], sigma=sigma, seed=3)
    sweep[f"σ={sigma}: noisy"] = noisy
    sweep[f"σ={sigma}: denoised"] = denoiser.predict(noisy, verbose=0)
show_image_rows(sweep, n=5)

# %% [markdown]
# ## Our numbers beside the article's
#
# The three models of this course, trained exactly as the article describes. The two
# models of chapters 2 and 3 come from their recipes: from the model cache when those
# chapters ran first, trained again (to the same numbers) when this chapter runs alone.

# %%
(simple, _, _), simple_history = recipes.train(recipes.dense_autoencoder())
convolutional, conv_history = recipes.train(recipes.convolutional_autoencoder())

# %%
rows = [
    ("simple autoencoder (chapter 2)", simple_history, 0.0939),
    ("convolutional autoencoder (chapter 3)", conv_history, 0.0940),
    ("denoising autoencoder (this chapter)", history, 0.0992),
]
print(f"{'model':40} {'ours':>7} {'article':>8} {'difference':>11}")
for name, fit, article in rows:
    ours = fit.history["val_loss"][-1]
    print(f"{name:40} {ours:7.4f} {article:8.4f} {ours - article:+11.4f}")

# %% [markdown]
# Final validation losses (binary cross-entropy on the 500 held-out images) after 50
# epochs. The convolutional models land a little below the article's figures, which came
# from Keras 2 in 2017, and the simple autoencoder 0.0006 above; the exact values also
# depend on the random split and the initial weights, so differences of a thousandth or
# two are noise, not progress.
#
# ## What we saw
#
# - Gaussian noise with σ = 0.2, clipped to [0, 1], is biased: it brightens the black
#   background by 0.080 on average and darkens white strokes by as much.
# - The same 4,385-parameter convolutional autoencoder, trained noisy → clean for 50
#   epochs, removes the grain and the bias; its validation loss is 0.0963 (article:
#   0.0992), and it halves the squared error of the noisy test images (0.0212 → 0.0106).
# - The denoised digits are as blurred as the plain reconstructions of chapter 3: the
#   4 × 4 × 8 bottleneck limits how much detail comes back.
#
# Is halving the error good? [Chapter 5](05_measuring_denoising.ipynb) answers with
# numbers: it sets this denoiser beside classical methods and a stronger network.
#
# ## Exercises
#
# **Exercise 4.1.** The denoiser never saw a clean input. Give it the clean test images:
# does it leave them alone, or does it damage them? Compare its mean squared error with
# that of the plain convolutional autoencoder of chapter 3 on the same images.

# %% tags=["hide-cell"]
# Solution to exercise 4.1: on clean inputs the denoiser does almost as well as the plain
# autoencoder that was trained for exactly that; learning to clean costs it little.
print(f"denoiser on clean images:          {mean_squared_error(denoiser.predict(x_test, verbose=0), x_test):.4f}")
print(f"plain autoencoder on clean images: {mean_squared_error(convolutional.predict(x_test, verbose=0), x_test):.4f}")

# %% [markdown]
# **Exercise 4.2.** Now the other way round: give the *plain* autoencoder of chapter 3
# the noisy test images. Is an autoencoder trained only on clean digits already a
# denoiser?

# %% mystnb={"figure": {"caption": "Noisy test digits (top), the plain autoencoder's outputs (middle) and the denoiser's (bottom).", "name": "fig-ex-plain-vs-denoiser"}, "image": {"alt": "Three rows of ten digits: speckled inputs, smudged and blotchy outputs of the plain model, and clean outputs of the denoiser."}} tags=["hide-cell"]
# Solution to exercise 4.2: no. The plain model was never shown noise; it turns the grain
# into smudges and blotches and ends further from the clean digits than the noisy input.
plain_on_noisy = convolutional.predict(x_test_noisy, verbose=0)
print(f"plain autoencoder on noisy images: {mean_squared_error(plain_on_noisy, x_test):.4f}")
print(f"denoiser on noisy images:          {mean_squared_error(x_test_denoised, x_test):.4f}")
show_image_rows({"noisy": x_test_noisy, "plain": plain_on_noisy, "denoiser": x_test_denoised}, n=10)

# %% [markdown]
# **Exercise 4.3.** Which test digits does the denoiser restore worst? Sort the test
# images by their error and look at the ten worst. What do they have in common?

# %% mystnb={"figure": {"caption": "The ten test digits the denoiser restores worst: originals, noisy inputs and outputs.", "name": "fig-ex-worst"}, "image": {"alt": "Three rows of ten unusual handwritten digits, their noisy versions, and blurred, partly wrong reconstructions."}} tags=["hide-cell"]
# Solution to exercise 4.3: per-image mean squared error, largest first. Unusual shapes
# dominate (a 0 with a stroke inside, an open 6, slanted or looped 8s): the network
# reproduces what is typical of its training digits and smooths the rest away.
per_image = per_image_mse(x_test_denoised, x_test)
worst = np.argsort(per_image)[::-1][:10]
print("worst test images:", worst, " labels:", splits.y_test[worst])
show_image_rows({"original": x_test[worst], "noisy": x_test_noisy[worst], "denoised": x_test_denoised[worst]},
                titles=splits.y_test[worst])
