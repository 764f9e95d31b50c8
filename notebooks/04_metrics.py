# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 数字 Metrics
#
# Every figure with its qualifier drawn honestly: `超过`/`多`/`余` (more than)
# and `近` (less than) are open-ended arrows, not exact bars; a log scale is
# used where values span orders of magnitude. One unit at a time: 元 and 人
# share no axis. The normalized `value` stands next to the `raw` text.

# %%
from explore import notebook, views

corpus = notebook.setup()

# %%
views.MetricsView(corpus)

# %% [markdown]
# ## Counts by unit, category and qualifier

# %%
corpus.metrics.groupby(["unit", "category", "qualifier"]).size().rename("n").reset_index()

# %%
corpus.metrics[["raw", "value", "unit", "qualifier", "subject", "org", "category"]]
