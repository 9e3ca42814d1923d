"""Official statistics shipped as data, and the charts drawn from them."""
