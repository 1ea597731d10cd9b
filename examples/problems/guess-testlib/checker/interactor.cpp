// A testlib-style interactor written without testlib.h:
//   interactor input_file output_file [answer_file]
// The submission's output is our standard input and our standard output is its input. It asks
// "? g" and is told "lower", "higher" or "correct", and ends with "! g". Exit codes as testlib's
// quitf/quitp set them: 0 ok, 1 wrong answer, 2 presentation error, 3 failure, 7 partial points
// with "points <share>" on stderr. output_file gets the number of questions (testlib's tout).
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

enum Exit { OK = 0, WA = 1, PE = 2, FAIL = 3, POINTS = 7 };

static std::ofstream tout;

[[noreturn]] static void quit(Exit code, const std::string& message) {
    static const char* names[] = {"ok", "wrong answer", "wrong output format", "FAIL"};
    std::cerr << (code == POINTS ? "points" : names[code]) << " " << message << "\n";
    std::exit(code);
}

int main(int argc, char** argv) {
    if (argc < 3) quit(FAIL, "usage: interactor input_file output_file [answer_file]");
    std::ifstream input(argv[1]);
    tout.open(argv[2]);
    long secret;
    if (!(input >> secret)) quit(FAIL, "cannot read the secret number");
    for (int queries = 1;; queries++) {
        std::string kind;
        long guess;
        if (!(std::cin >> kind >> guess)) quit(WA, "the submission stopped before answering");
        if (kind != "?" && kind != "!") quit(PE, "expected '?' or '!', got '" + kind + "'");
        if (kind == "!") {
            tout << queries - 1 << std::endl;
            if (guess != secret) quit(WA, "wrong final answer " + std::to_string(guess));
            if (queries - 1 <= 10) quit(OK, "found in " + std::to_string(queries - 1) + " questions");
            quit(POINTS, "0.5 found in " + std::to_string(queries - 1) + " questions (more than 10)");
        }
        if (queries > 20) quit(WA, "more than 20 questions");
        std::cout << (guess < secret ? "higher" : guess > secret ? "lower" : "correct") << std::endl;
    }
}
