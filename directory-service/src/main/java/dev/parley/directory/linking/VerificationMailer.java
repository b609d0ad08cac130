package dev.parley.directory.linking;

import dev.parley.directory.DirectoryProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Sends the email verification link through the configured SMTP server ({@code spring.mail.*}). */
@Component
class VerificationMailer {

    private final JavaMailSender mail;
    private final String from;
    private final String baseUrl;

    VerificationMailer(JavaMailSender mail, DirectoryProperties properties) {
        this.mail = mail;
        this.from = properties.linking().mailFrom();
        this.baseUrl = properties.linking().publicBaseUrl();
    }

    String confirmUrl(String verificationId) {
        return baseUrl + "identity/link_email/confirm?v=" + verificationId;
    }

    /** SMTP is blocking: it runs on the bounded elastic scheduler, never on the event loop. */
    Mono<Void> send(String to, String identity, String verificationId) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
                helper.setFrom(from);
                helper.setTo(to);
                helper.setSubject("Confirm your email address for " + identity);
                helper.setText("Open this link to link this email address to the ID " + identity + ":\n\n"
                        + confirmUrl(verificationId) + "\n\nIf you did not ask for this, ignore this email.\n");
                mail.send(message);
            } catch (MessagingException e) {
                throw new IllegalStateException("cannot build verification email", e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
