"""Views: a built store in, what people read out of it.

Tables and exports (``tables``, ``export``), the networkx view and its analytics
(``network``, ``links``, ``analytics``, ``report``), the HTML graph (``select``, ``render``),
the SPARQL endpoint (``serve``) and the facts of a text for ``kg extract`` (``extraction``).
"""
