package dev.parley.testsupport.postgres;

class SecondIsolationTest extends DatabaseIsolationContract {

    @Override
    Class<?> otherClass() {
        return FirstIsolationTest.class;
    }
}
