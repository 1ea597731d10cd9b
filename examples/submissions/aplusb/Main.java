import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws IOException {
        // Reads whitespace-separated tokens: the numbers may be on separate lines.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringBuilder all = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            all.append(line).append(' ');
        }
        String[] tokens = all.toString().trim().split("\\s+");
        long a = Long.parseLong(tokens[0]);
        long b = Long.parseLong(tokens[1]);
        System.out.println(a + b);
    }
}
