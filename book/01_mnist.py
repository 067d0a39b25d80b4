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
# # MNIST: the digits we will compress
#
# Every model in this course learns from MNIST: 70,000 handwritten digits, each a small
# grey image, collected by Yann LeCun, Corinna Cortes and Christopher Burges
# {cite:p}`mnist,lecun1998`. Before we
# squeeze these images through an autoencoder, we look at what they are made of: their
# shape, their data type, the range of their values and how many of each digit there are.
# Then we turn them into what a network expects, numbers between 0 and 1.

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    import lib

# %%
import numpy as np
from sklearn.model_selection import train_test_split

from lib.data import load_mnist, mnist_splits
from lib.plots import show_image_rows

# %% [markdown]
# ## Loading the data
#
# `load_mnist` returns exactly what `keras.datasets.mnist.load_data()` returns: a training
# set and a test set, each a pair of images and labels. With internet it asks Keras to
# download MNIST; offline it reads the local copy that the environment variable
# `COURSE_MNIST_PATH` names (the README explains how).

# %%
(x_train, y_train), (x_test, y_test) = load_mnist()

for name, array in [("x_train", x_train), ("y_train", y_train), ("x_test", x_test), ("y_test", y_test)]:
    print(f"{name:8} shape {str(array.shape):16} dtype {array.dtype}")

# %% [markdown]
# Sixty thousand training images and ten thousand test images. One image is a 28 × 28
# grid of pixels with a single channel: there is no colour.

# %%
x_train[0].shape

# %% [markdown]
# Each pixel is an unsigned 8-bit integer, a grey level from 0 (black) to 255 (white).
# Most of an image is background, so most pixels are exactly 0:

# %%
print("smallest value:", x_train.min(), " largest value:", x_train.max())
print(f"share of pixels that are exactly 0: {np.mean(x_train == 0):.1%}")

# %% [markdown]
# The labels say which digit an image shows. The ten classes are roughly balanced: the
# most common digit (1) is about 1.2 times as frequent as the rarest (5).

# %%
print("digit:         ", *[f"{digit:>5}" for digit in range(10)])
print("training count:", *[f"{count:>5}" for count in np.bincount(y_train)])
print("test count:    ", *[f"{count:>5}" for count in np.bincount(y_test)])

# %% [markdown]
# Here are the first ten training images with their labels above them.

# %% mystnb={"figure": {"caption": "The first ten training images, each with its label above it.", "name": "fig-first-ten"}, "image": {"alt": "Ten handwritten digits in white on black: 5, 0, 4, 1, 9, 2, 1, 3, 1, 4."}}
show_image_rows({"image": x_train}, titles=y_train[:10])

# %% [markdown]
# ## From pixels to model inputs
#
# Networks train best on small numbers. Dividing by 255 maps the grey levels onto [0, 1],
# which also lets a sigmoid output layer, $\sigma(z) = 1 / (1 + e^{-z})$, whose values lie
# between 0 and 1, reproduce them.

# %%
x_train_unit = x_train.astype("float32") / 255.0
x_test_unit = x_test.astype("float32") / 255.0
print("dtype:", x_train_unit.dtype, " range:", x_train_unit.min(), "to", x_train_unit.max())

# %% [markdown]
# The first autoencoder in this course is made of fully connected layers, which see an
# image as one long vector. Flattening turns each 28 × 28 grid into 784 = 28 × 28 numbers,
# row after row; nothing is lost, and `reshape(-1, 28, 28)` undoes it.

# %%
x_train_flat = x_train_unit.reshape(-1, 28 * 28)
x_test_flat = x_test_unit.reshape(-1, 28 * 28)
print("flattened:", x_train_flat.shape, x_test_flat.shape)

# %% [markdown]
# ## A validation set
#
# While a model trains, we want to watch how well it does on images it does not learn
# from. Following the article, we hold 500 training images out as a validation set. The
# split is random, so we fix its seed: every run, and every chapter, holds out the same 500.

# %%
x_train_flat, x_valid_flat, y_train_split, y_valid_split = train_test_split(
    x_train_flat, y_train, test_size=500, random_state=42
)
print("training:  ", x_train_flat.shape)
print("validation:", x_valid_flat.shape)
print("test:      ", x_test_flat.shape)

# %% [markdown]
# The later chapters need these same arrays. `mnist_splits()` repeats the steps above,
# scaling, then the seeded split, and keeps the images as 28 × 28 grids, so that each
# chapter reshapes them for its own model in plain sight. We check that it gives exactly
# what we just built by hand:

# %%
splits = mnist_splits()
assert np.array_equal(splits.x_train.reshape(-1, 784), x_train_flat)
assert np.array_equal(splits.x_valid.reshape(-1, 784), x_valid_flat)
assert np.array_equal(splits.x_test.reshape(-1, 784), x_test_flat)
assert np.array_equal(splits.y_valid, y_valid_split)
print("mnist_splits() matches the arrays built by hand:", splits.x_train.shape, splits.x_valid.shape,
      splits.x_test.shape)

# %% [markdown]
# ## What we saw
#
# - MNIST has 60,000 training and 10,000 test images of shape (28, 28), stored as uint8
#   grey levels from 0 to 255; about four pixels in five are pure black background.
# - The ten digits are roughly balanced (5,421 to 6,742 training images each).
# - Divided by 255 and flattened, an image becomes 784 numbers in [0, 1].
# - 500 training images, chosen with a fixed seed, are our validation set, which leaves
#   59,500 for training.
#
# ## Exercises
#
# **Exercise 1.1.** Which digit uses the most ink? Compute the mean grey level of the
# images of each digit.

# %% tags=["hide-cell"]
# Solution to exercise 1.1: mean grey level (0..1) over all pixels of each digit's images
ink = [x_train_unit[y_train == digit].mean() for digit in range(10)]
for digit in np.argsort(ink)[::-1]:
    print(f"digit {digit}: {ink[digit]:.3f}")

# %% [markdown]
# **Exercise 1.2.** Draw the *average* image of each digit. What does it tell you about
# how much handwritten digits vary?

# %% mystnb={"figure": {"caption": "The average training image of each digit.", "name": "fig-ex-average-digits"}, "image": {"alt": "Ten blurred white digits 0 to 9 on black, sharp in the middle and fuzzy at the edges."}} tags=["hide-cell"]
# Solution to exercise 1.2: the mean of all images of a digit, pixel by pixel. Sharp
# centres show where every writer puts a stroke; blurred halos show where writers differ.
show_image_rows({"average": np.stack([x_train_unit[y_train == digit].mean(axis=0) for digit in range(10)])},
                titles=range(10))

# %% [markdown]
# **Exercise 1.3.** Why do we hold validation images out of the training set at all,
# when MNIST already has a separate test set?
#
# :::{dropdown} Solution to exercise 1.3
# The validation images guide our decisions while we build a model: we watch their loss
# during training and compare variants on them. Every such decision fits the model a
# little to those images. The test set stays untouched until the end, so that its score
# is an honest estimate for images nobody has looked at.
# :::
#
# Next, [a simple autoencoder](02_simple_autoencoder.ipynb) squeezes those 784 numbers into 32 and back.
