package dev.parley.pushrelay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PushRelayApplication {

    public static void main(String[] args) {
        SpringApplication.run(PushRelayApplication.class, args);
    }
}
