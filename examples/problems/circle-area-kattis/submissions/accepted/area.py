import math
r = float(input())
print('%.10f' % (math.pi * r * r))
