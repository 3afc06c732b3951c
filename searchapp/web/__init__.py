"""The web stage: the only one that imports Flask and the only one that makes HTML.

Every front end reads its parameters with params.py and calls the one search
service (searchapp.engine), so a page, its JSON, its export and its feed agree.

    pages.py          the search and article pages, error pages, security headers, template filters
    search_urls.py    the search's state in its URL: links to it with one thing changed
    facet_links.py    facet values as filter links: the sidebar's panels, the chips under a hit
    article_text.py   the article's text as HTML: mentions linked, query words marked
    evidence.py       the article page's "why": the passages behind each facet value
    timeline.py       the matches over time: the interval parameter, the histogram JSON, the page's bars
    highlight.py      text and spans made HTML, the one place that does it
    officials.py      a page per official and its JSON twin, the list of officials
    official_roles.py each official's role on an article's date, for pages and JSON
    meetings.py       /api/meetings: who met whom, with the sentence that says so
    api.py            the JSON API and its one error body
    exports.py        every match of a search as CSV or JSON Lines
    feeds.py          a search as an Atom feed
    openapi.py        the API described (openapi_schemas.py: its schemas and examples)
    params.py         query parameters validated into a SearchRequest
    errors.py         the app's one handler for HTTP errors: JSON under /api/, a page elsewhere
    auth.py           optional sign-in and API tokens
    cors.py           which other sites' pages may read the API
    templates/, static/  inside the package, so a wheel carries them
"""
