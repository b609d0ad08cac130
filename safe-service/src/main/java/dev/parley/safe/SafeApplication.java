package dev.parley.safe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SafeApplication {

    public static void main(String[] args) {
        SpringApplication.run(SafeApplication.class, args);
    }
}
