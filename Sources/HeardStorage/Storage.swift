import Fluent
