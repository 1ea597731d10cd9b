// A testlib-style checker written without testlib.h:
//   checker input_file output_file answer_file
// Exit codes as testlib's quitf/quitp set them: 0 ok, 1 wrong answer, 2 presentation error
// (unreadable output), 3 checker failure, 7 partial points with "points <share>" on stderr.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

enum Exit { OK = 0, WA = 1, PE = 2, FAIL = 3, POINTS = 7 };

[[noreturn]] static void quit(Exit code, const std::string& message) {
    static const char* names[] = {"ok", "wrong answer", "wrong output format", "FAIL"};
    if (code == POINTS) {
        std::cerr << "points " << message << "\n";
    } else {
        std::cerr << names[code] << " " << message << "\n";
    }
    std::exit(code);
}

static bool readNumber(std::istream& in, long long& value) {
    std::string token;
    if (!(in >> token)) return false;
    size_t used = 0;
    try {
        value = std::stoll(token, &used);
    } catch (...) {
        return false;
    }
    return used == token.size();
}

int main(int argc, char** argv) {
    if (argc < 4) quit(FAIL, "usage: checker input output answer");
    std::ifstream input(argv[1]), output(argv[2]), answer(argv[3]);
    long long a, b, sum, difference;
    if (!readNumber(input, a) || !readNumber(input, b)) quit(FAIL, "bad input file");
    if (!readNumber(answer, sum) || !readNumber(answer, difference)) quit(FAIL, "bad answer file");
    if (sum != a + b || difference != a - b) quit(FAIL, "answer file disagrees with the input");

    long long gotSum, gotDifference;
    if (!readNumber(output, gotSum)) quit(PE, "expected an integer (a + b)");
    if (!readNumber(output, gotDifference)) quit(PE, "expected a second integer (a - b)");
    std::string extra;
    if (output >> extra) quit(PE, "extra output after two integers");
    if (gotSum != sum) {
        quit(WA, "a + b should be " + std::to_string(sum) + ", got " + std::to_string(gotSum));
    }
    if (gotDifference != difference) {
        quit(POINTS, "0.5 a + b right, a - b should be " + std::to_string(difference));
    }
    quit(OK, "both right");
}
