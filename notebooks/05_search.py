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
# # 搜索 Search
#
# A keyword-in-context concordance over the clean corpus, with hits per
# document and over time.

# %%
from explore import notebook, select, views

corpus = notebook.setup()
KEYWORD = "直播"

# %%
views.SearchView(corpus, KEYWORD)

# %%
select.kwic(corpus, KEYWORD, limit=500)[["title", "date", "left", "match", "right"]]

# %%
select.hit_counts(corpus, KEYWORD)[["title", "source_file", "date", "n_hits"]]
