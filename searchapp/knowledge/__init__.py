"""The knowledge the reading and facet stages rest on: countries, officials, topics, titles,
outlets and boilerplate, as JSON files a newsroom can read and extend without touching code.

Knowledge.load() reads them once; the result is passed explicitly to whoever needs it. This
package imports no other stage (reading and facets import it, never the other way).
"""

from searchapp.knowledge.loader import KNOWLEDGE_DIR, KNOWLEDGE_FILES, Knowledge, KnowledgeError, bundled_knowledge

__all__ = ["KNOWLEDGE_DIR", "KNOWLEDGE_FILES", "Knowledge", "KnowledgeError", "bundled_knowledge"]
