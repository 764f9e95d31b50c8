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
from explore import copies, notebook, select, views

corpus = notebook.setup()
KEYWORD = "直播"
EVERY_COPY = False  # True: count every copy of a story, not each story once
counted = copies.counted(corpus, EVERY_COPY)

# %%
views.SearchView(corpus, KEYWORD)

# %%
select.kwic(counted, KEYWORD, limit=500)[["title", "date", "left", "match", "right"]]

# %%
select.hit_counts(counted, KEYWORD)[["title", "source_file", "date", "n_hits"]]
