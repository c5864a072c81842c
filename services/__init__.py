"""The rules and workflows of SIPIJAR. Never imports streamlit; every call takes a Session and the
acting user (:class:`services.platform.access.Actor`) and checks who is asking."""
