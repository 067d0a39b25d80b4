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
# # A convolutional autoencoder
#
# The dense autoencoder of [chapter 2](02_simple_autoencoder.ipynb) sees an image as a
# list of 784 unrelated numbers; shuffle the pixels the same way in every image and it
# would learn just as well. But a stroke is a stroke wherever it appears, and neighbouring
# pixels belong together. Convolutions build that in: a small 3 × 3 filter slides over the
# image and looks for the same pattern everywhere, with very few weights
# {cite:p}`lecun1998`.
#
# This chapter builds the article's convolutional autoencoder, follows the shape of the
# data through every layer, trains it and compares it with the dense one.

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    import lib

# %%
import keras
import numpy as np
from keras import layers

from lib import recipes
from lib.cache import fit_or_load
from lib.data import mnist_splits
from lib.plots import plot_losses, show_image_rows
from lib.training import set_seed

# %% [markdown]
# ## The data, as images
#
# Convolutional layers want images with a channel axis: (height, width, channels). MNIST
# has one channel, grey, so each image becomes 28 × 28 × 1.

# %%
splits = mnist_splits()
x_train = splits.x_train[..., np.newaxis]
x_valid = splits.x_valid[..., np.newaxis]
x_test = splits.x_test[..., np.newaxis]
print("training:", x_train.shape, " validation:", x_valid.shape, " test:", x_test.shape)

# %% [markdown]
# ## The model
#
# The encoder alternates convolutions (16, then 8, then 8 filters of 3 × 3, ReLU) with
# max-pooling, which keeps the largest value of each 2 × 2 block and so halves the height
# and width. The decoder mirrors it: convolutions alternate with up-sampling, which
# doubles the height and width again. A last convolution with one filter and a sigmoid
# gives back a grey image. We write it as a function, because the denoising chapter will
# need a fresh copy.

# %%
def make_convolutional_autoencoder():
    inputs = keras.Input(shape=(28, 28, 1))

    # encoder: 28x28x1 -> 4x4x8
    x = layers.Conv2D(16, 3, activation="relu", padding="same")(inputs)
    x = layers.MaxPooling2D(padding="same")(x)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    x = layers.MaxPooling2D(padding="same")(x)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    encoded = layers.MaxPooling2D(padding="same")(x)

    # decoder: 4x4x8 -> 28x28x1
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(encoded)
    x = layers.UpSampling2D()(x)
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    x = layers.UpSampling2D()(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)  # padding="valid": 16x16 -> 14x14
    x = layers.UpSampling2D()(x)
    decoded = layers.Conv2D(1, 3, activation="sigmoid", padding="same")(x)

    autoencoder = keras.Model(inputs, decoded, name="convolutional_autoencoder")
    autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
    return autoencoder


set_seed(0)
autoencoder = make_convolutional_autoencoder()
autoencoder.summary()

# %% [markdown]
# 4,385 parameters, about a twelfth of the dense autoencoder's 50,992. A 3 × 3 convolution
# from 16 channels to 8 has 3 × 3 × 16 × 8 weights and 8 biases, 1,160 parameters, however
# large the image. Pooling and up-sampling layers have none.

# %%
print(f"parameters: {autoencoder.count_params():,}")
assert autoencoder.count_params() == 4385

# %% [markdown]
# ## Following the shapes
#
# Read the summary's middle column from top to bottom: 28 → 14 → 7 → 4 on the way down
# (pooling 7 with `padding="same"` rounds up to 4), then 4 → 8 → 16 on the way up.
#
# `UpSampling2D` repeats every row and every column twice, so a 2 × 2 block of values
# becomes 4 × 4. It has nothing to learn; the convolution after it smooths the blocks.
# (Up-sampling followed by a convolution also avoids the checkerboard patterns that
# transposed convolutions tend to draw {cite:p}`odena2016`.)

# %%
tiny = np.array([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 2, 2, 1)
print(keras.ops.convert_to_numpy(layers.UpSampling2D()(tiny))[0, :, :, 0])

# %% [markdown]
# Doubling three times from 4 gives 32, not 28. The article fixes this with the sixth
# convolution: without padding (`padding="valid"`) a $k \times k$ filter only visits
# positions where it fits entirely inside the image, so an $n \times n$ input gives
#
# $$n_\text{out} = n - k + 1 = 16 - 3 + 1 = 14,$$
#
# and the last up-sampling lands exactly on 28 × 28.

# %%
for layer in autoencoder.layers[7:]:
    print(f"{layer.name:18} {str(layer.output.shape):20} {layer.get_config().get('padding', '')}")

# %% [markdown]
# ## Training
#
# The same recipe as before: the images are their own targets, 50 epochs, batches of 128,
# validation on the 500 held-out images. On a laptop CPU this takes several minutes; the
# progress line shows how far it has come.

# %%
history = fit_or_load(autoencoder, x_train, x_train, epochs=50, batch_size=128,
                      validation_data=(x_valid, x_valid))

# %%
val_loss = history.history["val_loss"][-1]
print(f"final validation loss: {val_loss:.4f} (article: 0.0940)")
assert val_loss <= 0.0940 + 0.005, "the convolutional autoencoder trains worse than the article's"

# %% [markdown]
# ## Side by side with the dense autoencoder
#
# To compare, we need the dense autoencoder of chapter 2 again. Its recipe,
# `lib.recipes.dense_autoencoder()`, builds and trains it exactly as chapter 2 did
# (chapter 2 checked that), and the model cache hands back the weights chapter 2
# trained, or trains them again with the same result.

# %%
(simple, _, _), simple_history = recipes.train(recipes.dense_autoencoder())

# %% mystnb={"figure": {"caption": "Training (dashed) and validation (solid) loss per epoch of the dense and the convolutional autoencoder; the dotted line is the article's final validation loss for the convolutional one.", "name": "fig-conv-loss"}, "image": {"alt": "Four loss curves, two per model, falling fast and flattening out close to each other."}}
plot_losses({"dense": simple_history, "convolutional": history}, reference={"article: 0.0940": 0.0940},
            ylim=(0.085, 0.14))

# %% [markdown]
# The convolutional model learns more slowly at first but keeps improving for longer, and
# ends a little lower, with a twelfth of the parameters. On the 10,000 test images:

# %%
simple_decoded = simple.predict(splits.x_test.reshape(-1, 784), verbose=0)
conv_decoded = autoencoder.predict(x_test, verbose=0)
print("test loss, dense 784-32-784:     "
      f"{simple.evaluate(splits.x_test.reshape(-1, 784), splits.x_test.reshape(-1, 784), verbose=0):.4f}")
print(f"test loss, convolutional (4x4x8): {autoencoder.evaluate(x_test, x_test, verbose=0):.4f}")

# %% [markdown]
# Numbers close in loss can still look different. Top: test digits; middle: the dense
# autoencoder; bottom: the convolutional one.

# %% mystnb={"figure": {"caption": "Ten test digits (top), their reconstructions by the dense autoencoder (middle) and by the convolutional autoencoder (bottom).", "name": "fig-conv-decoded"}, "image": {"alt": "Three rows of ten digits: originals, and two rows of blurred reconstructions of them."}}
show_image_rows({"original": x_test, "dense": simple_decoded, "convolutional": conv_decoded},
                titles=splits.y_test[:10])

# %% [markdown]
# Both are blurred. The dense reconstructions leave faint grey smudges around some digits
# (look at the 4s and the 9s); the convolutional ones have a cleaner background and
# smoother strokes. Neither gets the unusual 5 right.
#
# Later chapters get this model through `lib.recipes.convolutional_autoencoder()`, which
# builds the network with `lib.models.convolutional_autoencoder()` and trains it as above.
# The check that the recipe is exactly this training (architecture, initial weights,
# data and settings):

# %%
recipes.check(recipes.convolutional_autoencoder(), history)

# %% [markdown]
# ## What we saw
#
# - The article's convolutional autoencoder has 4,385 parameters and takes each image
#   along 28 → 14 → 7 → 4 → 8 → 16 → 14 → 28 pixels a side.
# - `UpSampling2D` doubles height and width by repeating rows and columns; one convolution
#   without padding turns 16 × 16 into 14 × 14 so that the output is 28 × 28 again.
# - After 50 epochs its validation loss is 0.0928, below the article's 0.0940 and the
#   dense model's 0.0945, with a twelfth of the weights; on the test set 0.0903 against
#   the dense model's 0.0913.
# - Its code is 4 × 4 × 8 = 128 values, four times the dense model's 32: better
#   reconstructions here do not mean stronger compression (exercise 3.3).
#
# ## Exercises
#
# **Exercise 3.1.** Check the parameter count of every convolution in the summary by hand:
# a layer with a $k \times k$ kernel from $c_\text{in}$ to $c_\text{out}$ channels has
# $k \cdot k \cdot c_\text{in} \cdot c_\text{out} + c_\text{out}$ parameters.

# %% tags=["hide-cell"]
# Solution to exercise 3.1
for layer in autoencoder.layers:
    if isinstance(layer, layers.Conv2D):
        k, _, c_in, c_out = layer.kernel.shape
        print(f"{layer.name:10} {k}*{k}*{c_in}*{c_out} + {c_out} = {k * k * c_in * c_out + c_out:5}"
              f"   (Keras: {layer.count_params()})")

# %% [markdown]
# **Exercise 3.2.** What goes wrong if the sixth convolution keeps `padding="same"` like
# the others? Build that variant and look at its output shape.

# %% tags=["hide-cell"]
# Solution to exercise 3.2: the output is 32 x 32, which no longer matches the 28 x 28
# targets, so training would stop with a shape error.
inputs = keras.Input(shape=(28, 28, 1))
x = inputs
for filters in (16, 8, 8):
    x = layers.MaxPooling2D(padding="same")(layers.Conv2D(filters, 3, activation="relu", padding="same")(x))
for filters in (8, 8, 16):
    x = layers.UpSampling2D()(layers.Conv2D(filters, 3, activation="relu", padding="same")(x))
variant = keras.Model(inputs, layers.Conv2D(1, 3, activation="sigmoid", padding="same")(x))
print("output shape with padding='same' everywhere:", variant.output.shape)

# %% [markdown]
# **Exercise 3.3.** Which model compresses more, the dense one with its 32-number code or
# the convolutional one? Count the values at each bottleneck.
#
# :::{dropdown} Solution to exercise 3.3
# The convolutional encoder ends in a 4 × 4 × 8 block: 128 values, four times the dense
# autoencoder's 32. So the convolutional model is given a *wider* bottleneck, and its
# better-looking reconstructions are not a fair win in compression. Its real advantage is
# elsewhere: it gets there with a twelfth of the parameters, because a convolution
# reuses the same small filter at every position.
# :::
#
# An autoencoder learns to keep what digits have in common and to drop the rest. Noise is
# something digits do not have in common: [the next chapter](04_denoising.ipynb) uses
# that to clean images.
