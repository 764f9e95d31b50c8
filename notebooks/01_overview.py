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
# # 概览 Overview
#
# The corpus at a glance: files and items, sources, dates, script, what
# cleaning removed, top terms and themes. Set `EXPLORE_CORPUS` to a folder of
# your own before starting the kernel; by default this is the seed corpus.

# %%
from explore import copies, figures, notebook, select, summaries, terms

corpus = notebook.setup()
print(corpus.summary())
print("date span:", *summaries.date_span(corpus))

# %% [markdown]
# ## Syndicated copies: one story, counted once
#
# The same story reposted by other sites, converted to Traditional script or
# rewritten with a few words swapped is one story: below, sources,
# organizations, terms and themes count it once (its earliest dated copy).
# Set `EVERY_COPY = True` to count every copy.

# %%
EVERY_COPY = False
counted = copies.counted(corpus, EVERY_COPY)
print(f"{copies.n_copies(corpus):,} of {len(corpus.documents):,} items are copies of a story counted once")
summaries.stories_with_copies(corpus)

# %% [markdown]
# ## Files: what was read, in which encoding and script, what was kept

# %%
summaries.file_overview(corpus)

# %%
figures.files_bar(summaries.files_to_draw(corpus))

# %% [markdown]
# ## What cleaning removed

# %%
figures.removed_bar(summaries.removed_by_reason(corpus))

# %%
example = summaries.before_after(corpus, corpus.report["source_file"].iloc[0])
print("BEFORE (first 600 characters as read):\n", example.raw[:600])
print("\nAFTER (first 600 characters, clean):\n", example.clean[:600])

# %%
example.removed.head(10)

# %% [markdown]
# ## Sources and organizations

# %%
summaries.credits(counted)

# %%
select.organizations(counted).head(15)

# %% [markdown]
# ## Top terms (jieba, news stop words removed)

# %%
figures.terms_bar(terms.top_terms(counted.documents["text"], n=25))

# %% [markdown]
# ## Themes per document

# %%
figures.themes_heatmap(summaries.themes_to_draw(counted), title="每篇文档的主题 Themes per document")
