"""Reading layers and tables, writing plans, journals and exports (no Qt)."""
