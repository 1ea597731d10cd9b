// Interactive output validator for "Guess the Number" (Kattis output validator protocol):
//   validate input_file answer_file feedback_dir/  < submission's output  > submission's input
// The secret number is in input_file. The submission may ask "? g" at most 10 times and is told
// "lower", "higher" or "correct"; it ends with "! g". Exit 42: accepted, 43: wrong answer, with
// the reason in feedback_dir/judgemessage.txt.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

static std::string feedbackDir;

[[noreturn]] static void verdict(int code, const std::string& message) {
    std::ofstream(feedbackDir + "judgemessage.txt") << message << "\n";
    std::exit(code);
}

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: validate input_file answer_file feedback_dir/\n";
        return 1;
    }
    feedbackDir = argv[3];
    long secret;
    std::ifstream input(argv[1]);
    if (!(input >> secret)) {
        std::cerr << "cannot read the secret number from " << argv[1] << "\n";
        return 1;
    }
    for (int queries = 0;; queries++) {
        std::string kind;
        long guess;
        if (!(std::cin >> kind >> guess)) verdict(43, "the submission stopped before answering");
        if (kind == "!") verdict(guess == secret ? 42 : 43, guess == secret ? "correct" : "wrong final answer " + std::to_string(guess));
        if (kind != "?") verdict(43, "expected '?' or '!', got '" + kind + "'");
        if (queries == 10) verdict(43, "more than 10 questions");
        std::cout << (guess < secret ? "higher" : guess > secret ? "lower" : "correct") << std::endl;
    }
}
