# Only a + b is right: half the points on every test.
a, b = map(int, input().split())
print(a + b, 0)
