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
# # A simple autoencoder
#
# An autoencoder is a network trained to give back its own input {cite:p}`chollet2016,goodfellow2016`. That sounds pointless
# until you put a narrow layer in the middle: to reproduce 784 pixels from 32 numbers, the
# network must learn what matters in a digit. The half before the bottleneck is the
# **encoder**, which compresses; the half after it is the **decoder**, which restores.
#
# This chapter builds the smallest such network, one dense layer each way, trains it on
# MNIST, and then takes it apart into an encoder and a decoder that work on their own.

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
# ## The data, flattened
#
# The arrays from [chapter 1](01_mnist.ipynb), scaled to [0, 1], with 500 images held out
# for validation. A dense layer wants each image as one vector of 784 values.

# %%
splits = mnist_splits()
x_train = splits.x_train.reshape(-1, 784)
x_valid = splits.x_valid.reshape(-1, 784)
x_test = splits.x_test.reshape(-1, 784)
print("training:", x_train.shape, " validation:", x_valid.shape, " test:", x_test.shape)

# %% [markdown]
# ## The model
#
# A Keras model is made of layers. Ours uses one kind twice,
# [`Dense`](https://keras.io/api/layers/core_layers/dense/): each of its units takes a
# weighted sum of all the layer's inputs, adds a bias, and passes the result through an
# *activation function*. The weights and biases are what training adjusts.
#
# The encoder is one `Dense` layer from 784 inputs to 32 units with a
# [ReLU](https://keras.io/api/layers/activations/), $\max(0, z)$, which keeps positive sums
# and turns negative ones into 0. The decoder is one `Dense` layer from those 32 back to 784
# units with a sigmoid, $1 / (1 + e^{-z})$, which squeezes any number into the range 0 to 1,
# like the pixels it must match. We keep the two layers in variables of their own: later
# we will reuse them to build a separate encoder and decoder.
#
# [`keras.Input(shape=(784,))`](https://keras.io/api/layers/core_layers/input/) stands for
# the data the model will receive: vectors of 784 values, in batches of any size.
#
# Seeding first makes the initial weights, and so the whole training run, repeatable
# (`set_seed` calls `keras.utils.set_random_seed` and asks TensorFlow for deterministic
# operations).

# %%
set_seed(0)

inputs = keras.Input(shape=(784,))
encoder_layer = layers.Dense(32, activation="relu")
decoder_layer = layers.Dense(784, activation="sigmoid")

# %% [markdown]
# Calling a layer on the input, `encoder_layer(inputs)`, computes nothing yet: it records
# the connection and returns a symbolic tensor that describes the layer's output (a batch of
# 32 values per image). [`keras.Model(inputs, outputs)`](https://keras.io/api/models/model/)
# then gathers every layer between the two into one model. Wiring layers by calling them
# like this is Keras' [functional API](https://keras.io/guides/functional_api/).
#
# [`compile`](https://keras.io/api/models/model_training_apis/) chooses how the model will
# learn: the loss to minimise and the optimizer that updates the weights (both explained
# below). `summary()` lists the layers, the shape of each output (`None` is the batch size,
# left open) and how many numbers each layer learns.

# %%
codes = encoder_layer(inputs)
outputs = decoder_layer(codes)

autoencoder = keras.Model(inputs, outputs, name="simple_autoencoder")
autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
autoencoder.summary()

# %% [markdown]
# The encoder has 784 × 32 weights plus 32 biases (25,120 parameters), the decoder 32 × 784
# weights plus 784 biases (25,872).
#
# **Why binary cross-entropy?** Each output $\hat x_i$ is a grey level in [0, 1], and so
# is each target $x_i$. Binary cross-entropy treats every pixel as a probability of
# "white" and averages, over the 784 pixels,
#
# $$\mathrm{BCE}(x, \hat x) = -\frac{1}{784} \sum_{i=1}^{784} \bigl[x_i \log \hat x_i + (1 - x_i) \log(1 - \hat x_i)\bigr].$$
#
# It punishes confident mistakes hard, and with a sigmoid output it gives the decoder
# strong gradients even when a pixel is badly wrong. Adam {cite:p}`kingma2015` adapts the step
# size per weight, so the defaults train well without tuning.
#
# ## Training: the input is its own target
#
# Keras trains a model with one call to
# [`fit`](https://keras.io/api/models/model_training_apis/#fit-method): the inputs, the
# targets, how many times to go over the training set (`epochs`), how many images to look
# at per update of the weights (`batch_size`), and images that are never trained on but
# whose loss is reported after every epoch (`validation_data`). An autoencoder's targets
# are its inputs, so `x_train` is passed twice. `fit` returns a `History` whose `history`
# holds one list per loss, with one value per epoch.
#
# Here is that call as you would write it in any notebook, run for one epoch on a copy of
# our untrained model (`keras.models.clone_model` makes the same layers anew, and
# `set_weights` gives them our weights), so that the autoencoder itself stays untrained.
# `verbose=0` hides Keras' progress bar; leave it out in your own notebook to watch it.

# %%
keras.utils.set_random_seed(0)  # the same shuffling on every run
trial = keras.models.clone_model(autoencoder)
trial.set_weights(autoencoder.get_weights())
trial.compile(optimizer="adam", loss="binary_crossentropy")
trial_history = trial.fit(x_train, x_train, epochs=1, batch_size=128,
                          validation_data=(x_valid, x_valid), verbose=0)
losses = trial_history.history
print(f"after 1 epoch: loss {losses['loss'][-1]:.4f} · val_loss {losses['val_loss'][-1]:.4f}")

# %% [markdown]
# The real run goes 50 times over the training set, in batches of 128 images, through
# `fit_or_load` from the course's `lib`. It seeds the random generators (with 0) and calls
# `autoencoder.fit` with exactly these arguments, showing one progress line while it trains.
# What it adds is a cache: it stores the trained weights and losses in `.cache/models`
# under a key made of everything that determines them (the layers, the initial weights, the
# data, epochs, batch size, seed and library versions), so that a second run, or a later
# chapter that compares against this model, loads them instead of training again. The
# printed result is the same either way; setting the environment variable
# `COURSE_MODEL_CACHE=off` makes it train every time. In a notebook of your own, without
# the cache, these two lines give the same losses (only the recipe check at the end of the
# chapter needs the key that `fit_or_load` records):
#
# ```python
# keras.utils.set_random_seed(0)
# history = autoencoder.fit(x_train, x_train, epochs=50, batch_size=128,
#                           validation_data=(x_valid, x_valid))
# ```

# %%
history = fit_or_load(autoencoder, x_train, x_train, epochs=50, batch_size=128,
                      validation_data=(x_valid, x_valid))

# %% [markdown]
# Training and validation loss fall quickly in the first epochs and then flatten out (the
# first epochs, far above, are cut off). The two curves stay close: a model this small
# has no room to memorise its training images.

# %% mystnb={"figure": {"caption": "Training (dashed) and validation (solid) loss of the simple autoencoder per epoch; the dotted line is the article's final validation loss.", "name": "fig-simple-loss"}, "image": {"alt": "Two loss curves that drop steeply in the first five epochs and then flatten just above the article's value."}}
plot_losses({"simple autoencoder": history}, reference={"article: 0.0939": 0.0939}, ylim=(0.085, 0.14))

# %% [markdown]
# The article's notebook {cite:p}`shibuya2017notebook` reports a final validation loss of
# 0.0939 (the article itself shows no losses). Ours must not be worse by more than
# 0.005; this cell fails, and with it the chapter, if it is.

# %%
val_loss = history.history["val_loss"][-1]
print(f"final validation loss: {val_loss:.4f} (article: 0.0939)")
assert val_loss <= 0.0939 + 0.005, "the simple autoencoder trains worse than the article's"

# %% [markdown]
# What does a loss of 0.0945 mean? Binary cross-entropy cannot reach 0 here, because the
# targets are grey levels, not just 0 or 1: even a perfect copy of a test image scores the
# entropy of its own pixels. That floor, and our model's loss on the 10,000 test images
# ([`evaluate`](https://keras.io/api/models/model_training_apis/#evaluate-method) computes
# the compiled loss on the arrays it is given; `keras.losses.binary_crossentropy` gives one
# loss per image, which `keras.ops.mean` averages):

# %%
floor = float(keras.ops.mean(keras.losses.binary_crossentropy(x_test, x_test)))
test_loss = autoencoder.evaluate(x_test, x_test, verbose=0)
print(f"perfect reconstruction: {floor:.4f}")
print(f"simple autoencoder:     {test_loss:.4f}  ({test_loss - floor:.4f} above the floor)")

# %% [markdown]
# ## An encoder and a decoder of their own
#
# The trained layers can be wired into two smaller models. The encoder maps an image to
# its code; the decoder takes a code, from a new input of 32 values, and produces an
# image. Both share their weights with the autoencoder: nothing is trained again.
# [`predict`](https://keras.io/api/models/model_training_apis/#predict-method) runs a model
# on an array, batch by batch, and returns its outputs as a NumPy array (`verbose=0` again
# hides the progress bar).

# %%
encoder = keras.Model(inputs, codes, name="encoder")
code_inputs = keras.Input(shape=(32,))
decoder = keras.Model(code_inputs, decoder_layer(code_inputs), name="decoder")

test_codes = encoder.predict(x_test, verbose=0)
print("codes for the test set:", test_codes.shape)
print("one code:", test_codes[0].shape)

# %% [markdown]
# Each image is now 32 numbers instead of 784, a ratio of 24.5 to 1. Counted in bytes the
# gain is smaller: a code holds 32 float32 values (128 bytes) against 784 one-byte pixels.

# %%
print(f"values per image: 784 -> {test_codes.shape[1]}, ratio {784 / test_codes.shape[1]:.1f}")
print(f"bytes per image:  {x_test.shape[1] * 1} (uint8) -> {test_codes[0].nbytes} (float32), "
      f"ratio {784 / test_codes[0].nbytes:.1f}")
print(f"code values that are exactly 0 (the ReLU switched off): {np.mean(test_codes == 0):.1%}")

# %% [markdown]
# Decoding the codes gives the same images as running the whole autoencoder:

# %%
decoded = decoder.predict(test_codes, verbose=0)
print("decoded:", decoded.shape)
print("decoder(encoder(x)) equals autoencoder(x):",
      np.allclose(decoded, autoencoder.predict(x_test, verbose=0), atol=1e-6))

# %% [markdown]
# The top row shows test digits, the bottom row what came back from their 32-number
# codes. The digits are recognisable, but blurred: fine strokes soften and some ends
# break, which is the price of the squeeze.

# %% mystnb={"figure": {"caption": "Ten test digits (top) and their reconstructions from 32-number codes (bottom).", "name": "fig-simple-decoded"}, "image": {"alt": "Two rows of ten digits; the bottom row shows the same digits, recognisable but blurred."}}
show_image_rows({"original": x_test, "decoded": decoded}, titles=splits.y_test[:10])

# %% [markdown]
# Later chapters compare against this model through `lib.recipes.dense_autoencoder()`:
# the same network, built by `lib.models.simple_autoencoder()`, trained on the same data
# with the same settings. That the recipe is exactly the training above (the same layers,
# optimizer and loss, the same initial weights, data, epochs, batch size and seed) is
# checked here; it builds the model but trains nothing:

# %%
recipes.check(recipes.dense_autoencoder(), history)

# %% [markdown]
# ## What we saw
#
# - A dense autoencoder 784 → 32 → 784 has 50,992 parameters and trains in about two
#   minutes on a 2-core CPU.
# - After 50 epochs its validation loss is 0.0945, within a thousandth of the article's
#   0.0939, and its test loss 0.0913. Binary cross-entropy cannot reach 0 on grey-level
#   targets: a perfect copy would still score 0.0581, so our model is 0.0333 above that floor.
# - The encoder turns an image into 32 numbers (a 24.5 : 1 reduction in values); the
#   decoder turns them back into a blurred but recognisable digit.
#
# ## Exercises
#
# **Exercise 2.1.** The decoder turns any 32 numbers into an image. What does it make of
# the *average* code of all test images, and of the average code of each digit?

# %% mystnb={"figure": {"caption": "The decoder's image for the mean code of all test digits and for the mean code of each digit.", "name": "fig-ex-mean-codes"}, "image": {"alt": "Eleven images: a blur of overlapping digits, then clean typical digits 0 to 9."}} tags=["hide-cell"]
# Solution to exercise 2.1: decode the mean code overall and per digit
mean_codes = np.stack([test_codes.mean(axis=0)] + [test_codes[splits.y_test == d].mean(axis=0) for d in range(10)])
show_image_rows({"decoded mean code": decoder.predict(mean_codes, verbose=0)}, n=11,
                titles=["all"] + list(range(10)))
# Each digit's mean code decodes to a clean, typical version of that digit; the mean of
# all codes decodes to a blur of several digits at once.

# %% [markdown]
# **Exercise 2.2.** Walk in a straight line from the code of one test digit to the code of
# another and decode the points along the way. Is the path between a 7 and a 2 made of
# digits?

# %% mystnb={"figure": {"caption": "Decoding points on the straight line between the codes of a 7 and a 2.", "name": "fig-ex-code-path"}, "image": {"alt": "Ten images that fade from a 7 through faint broken strokes into a 2."}} tags=["hide-cell"]
# Solution to exercise 2.2: decoded points on the line between the codes of test images 0 and 1
steps = np.linspace(0, 1, 10)[:, np.newaxis]
path = (1 - steps) * test_codes[0] + steps * test_codes[1]
show_image_rows({"decoded": decoder.predict(path, verbose=0)}, titles=[f"{t:.2f}" for t in steps[:, 0]])
# The middle images are blends of a 7 and a 2, not digits: nothing made this code space smooth.

# %% [markdown]
# **Exercise 2.3.** With 32 float32 numbers per image, the code takes 128 bytes. How small
# could it get if every code value were rounded to one byte (256 levels)? Try it: quantise
# the codes, decode them and compare the test loss.

# %% tags=["hide-cell"]
# Solution to exercise 2.3: 256 levels between the smallest and largest code value
low, high = test_codes.min(), test_codes.max()
quantised = np.round((test_codes - low) / (high - low) * 255).astype(np.uint8)
restored = quantised.astype("float32") / 255 * (high - low) + low
loss = float(keras.ops.mean(keras.losses.binary_crossentropy(x_test, decoder.predict(restored, verbose=0))))
print(f"{quantised[0].nbytes} bytes per code; test loss {loss:.4f} (float32 codes: {test_loss:.4f})")
# One byte per value barely changes the loss: 32 bytes per image instead of 784 raw pixels.

# %% [markdown]
# A dense layer ignores that neighbouring pixels belong together. The
# [convolutional autoencoder](03_convolutional_autoencoder.ipynb) uses that structure.
