/* Does nothing: the benchmark's program. */
int main(void) { return 0; }
