package org.rnn4j.tensor;
final class Placeholder {}
