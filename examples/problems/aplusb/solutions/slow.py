# Right answer, too late: TimeLimitExceeded.
import time
a, b = map(int, open(0).read().split())
x = 0
while True:
    x += 1
