# Reads the radius as a whole number: right on group 1 (integer radii), wrong on group 2.
import math
r = int(float(input()))
print("%.10f" % (math.pi * r * r))
