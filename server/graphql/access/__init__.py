"""Who is calling: the signed-in key, its name and role."""
