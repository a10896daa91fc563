"""Actor recognition and resolution: mentions in a parsed article -> CAMEO-style actor codes."""
from tacitus.actors.resolve import ActorResolver, Mention
from tacitus.actors.tables import ActorTables, load_tables, table_sizes

__all__ = ["ActorResolver", "ActorTables", "Mention", "load_tables", "table_sizes"]
