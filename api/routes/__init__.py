"""Route modules: each one an ``APIRouter`` of thin handlers over a capability."""
