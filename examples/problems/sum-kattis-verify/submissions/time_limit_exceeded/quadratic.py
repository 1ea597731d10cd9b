# Never finishes: keeps recounting.
n = int(input())
xs = list(map(int, input().split()))
s = 0
while True:
    s = sum(xs)
