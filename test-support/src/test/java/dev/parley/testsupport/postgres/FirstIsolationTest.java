package dev.parley.testsupport.postgres;

class FirstIsolationTest extends DatabaseIsolationContract {

    @Override
    Class<?> otherClass() {
        return SecondIsolationTest.class;
    }
}
